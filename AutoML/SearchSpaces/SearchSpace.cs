using System.Text;

namespace MLExt.AutoML;

/// <summary>
/// The parameters a search explores, built in code with a fluent API or from attributes on an
/// options class (<see cref="FromOptions{T}"/>):
/// <code>
/// new SearchSpace()
///     .Float("LearningRate", 1e-4, 1e-1, log: true)
///     .Int("Layers", 1, 3)
///     .Choice("Trainer", "sdca", "fasttree")
///     .When("Trainer", "fasttree", s =&gt; s.Int("NumberOfTrees", 10, 500, log: true));
/// </code>
/// Conditional parameters (declared inside <see cref="When(string, string, Action{SearchSpace})"/>)
/// are active only when their parent is active and satisfies the condition; they nest to any depth.
/// Names are unique across the whole space. Every parameter owns one coordinate of the unit cube
/// [0, 1]^<see cref="Dimension"/>, so any tuner can work on any space (<see cref="Decode"/>,
/// <see cref="Encode"/>). An invalid parameter fails when it is added, with an
/// <see cref="ArgumentException"/> naming it.
/// </summary>
public sealed class SearchSpace
{
    private readonly List<ParameterDescriptor> _descriptors;
    private readonly Dictionary<string, int> _indexByName;
    private readonly ParameterCondition? _condition;

    /// <summary>Creates an empty search space.</summary>
    public SearchSpace()
    {
        _descriptors = [];
        _indexByName = new(StringComparer.Ordinal);
    }

    private SearchSpace(SearchSpace root, ParameterCondition condition)
    {
        _descriptors = root._descriptors;
        _indexByName = root._indexByName;
        _condition = condition;
    }

    /// <summary>Every parameter, in declaration order (a parent always comes before its conditional children).</summary>
    public IReadOnlyList<ParameterDescriptor> Descriptors => _descriptors;

    /// <summary>The number of unit-cube coordinates: one per parameter, active or not.</summary>
    public int Dimension => _descriptors.Count;

    /// <summary>The point made of every active parameter's default.</summary>
    public Parameters Default => Build(d => d.Default);

    /// <summary>The descriptor of parameter <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The space has no such parameter.</exception>
    public ParameterDescriptor this[string name]
        => Find(name) ?? throw new KeyNotFoundException($"The search space has no parameter '{name}'.");

    /// <summary>Adds a real parameter in [<paramref name="min"/>, <paramref name="max"/>], log-uniform when <paramref name="log"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or taken, min ≥ max, a bound is not finite, a log range does not lie above 0, or the default lies outside the range.</exception>
    public SearchSpace Float(string name, double min, double max, bool log = false, double? defaultValue = null)
        => Add(ParameterDescriptor.CreateFloat(name, min, max, log, defaultValue, _condition, _descriptors.Count));

    /// <summary>Adds an integer parameter in [<paramref name="min"/>, <paramref name="max"/>] (both included), log-uniform when <paramref name="log"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or taken, min ≥ max, a log range does not lie above 0, or the default lies outside the range.</exception>
    public SearchSpace Int(string name, int min, int max, bool log = false, int? defaultValue = null)
        => Add(ParameterDescriptor.CreateInt(name, min, max, log, defaultValue, _condition, _descriptors.Count));

    /// <summary>Adds a categorical parameter; its default is the first choice.</summary>
    /// <exception cref="ArgumentException">The name is empty or taken, or the choices are empty, null or repeated.</exception>
    public SearchSpace Choice(string name, params string[] choices)
        => Add(ParameterDescriptor.CreateChoice(name, choices, null, _condition, _descriptors.Count));

    /// <summary>Adds a categorical parameter with a given default.</summary>
    /// <exception cref="ArgumentException">The name is empty or taken, the choices are empty, null or repeated, or the default is not a choice.</exception>
    public SearchSpace Choice(string name, IReadOnlyList<string> choices, string? defaultValue)
        => Add(ParameterDescriptor.CreateChoice(name, choices, defaultValue, _condition, _descriptors.Count));

    /// <summary>Declares parameters that are active only when choice parameter <paramref name="parameter"/> equals <paramref name="choice"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="parameter"/> is not a declared choice parameter or <paramref name="choice"/> is not one of its choices.</exception>
    public SearchSpace When(string parameter, string choice, Action<SearchSpace> build) => When(parameter, [choice], build);

    /// <summary>Declares parameters that are active only when choice parameter <paramref name="parameter"/> takes one of <paramref name="choices"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="parameter"/> is not a declared choice parameter or a value is not one of its choices.</exception>
    public SearchSpace When(string parameter, string[] choices, Action<SearchSpace> build)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(build);
        var parent = Parent(parameter, ParameterKind.Choice);
        if (choices.Length == 0) throw new ArgumentException($"A condition on '{parameter}' needs at least one choice.", nameof(choices));
        foreach (var c in choices)
            if (parent.IndexOf(c) < 0)
                throw new ArgumentException($"'{c}' is not a choice of '{parameter}' ({string.Join(", ", parent.Choices)}).", nameof(choices));
        build(new SearchSpace(this, new ParameterCondition(parameter, choices.ToArray())));
        return this;
    }

    /// <summary>Declares parameters that are active only when integer parameter <paramref name="parameter"/> satisfies <paramref name="condition"/>.</summary>
    /// <param name="parameter">A declared integer parameter.</param>
    /// <param name="condition">The predicate on its value, such as <c>v =&gt; v &gt;= 2</c>.</param>
    /// <param name="build">Adds the conditional parameters.</param>
    /// <param name="description">A readable form of the condition for reports, such as "Layers ≥ 2".</param>
    /// <exception cref="ArgumentException"><paramref name="parameter"/> is not a declared integer parameter.</exception>
    public SearchSpace When(string parameter, Func<int, bool> condition, Action<SearchSpace> build, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(build);
        Parent(parameter, ParameterKind.Int);
        build(new SearchSpace(this, new ParameterCondition(parameter, condition, description)));
        return this;
    }

    /// <summary>
    /// The point at unit-cube coordinates <paramref name="unit"/>: each active parameter decodes its own
    /// coordinate; coordinates of inactive parameters are ignored. Values outside [0, 1] are clamped.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not <see cref="Dimension"/> or a coordinate is NaN.</exception>
    public Parameters Decode(ReadOnlySpan<double> unit)
    {
        if (unit.Length != Dimension)
            throw new ArgumentException($"The search space has {Dimension} coordinates; got {unit.Length}.", nameof(unit));
        var values = new double[unit.Length];
        unit.CopyTo(values);
        return Build(d => d.Decode(values[d.Index]));
    }

    /// <summary>
    /// The unit-cube coordinates of <paramref name="parameters"/> (see <see cref="ParameterDescriptor.Encode"/>);
    /// inactive parameters get 0.5. Decoding the result gives the same parameters back.
    /// </summary>
    /// <exception cref="ArgumentException">An active parameter is missing, a value is invalid, or a name is not in the space or not active.</exception>
    public double[] Encode(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var unit = new double[Dimension];
        int used = 0;
        foreach (var d in _descriptors)
        {
            if (!d.IsActive(parameters))
            {
                unit[d.Index] = 0.5;
                continue;
            }
            if (!parameters.TryGetValue(d.Name, out var value))
                throw new ArgumentException($"Parameter '{d.Name}' is active but missing.", nameof(parameters));
            unit[d.Index] = d.Encode(value);
            used++;
        }
        if (used != parameters.Count)
        {
            var extra = parameters.Names.First(n => Find(n) is not { } d || !d.IsActive(parameters));
            throw new ArgumentException($"Parameter '{extra}' is not in the search space or not active.", nameof(parameters));
        }
        return unit;
    }

    /// <summary>
    /// Moves <paramref name="unit"/> in place to the coordinates of the point it decodes to, as
    /// <c>Encode(Decode(unit))</c> without building the point: integers and choices to their bin centres,
    /// inactive coordinates to 0.5, floats clamped to [0, 1].
    /// </summary>
    internal void Snap(Span<double> unit)
    {
        var values = new object?[_descriptors.Count];
        for (int i = 0; i < _descriptors.Count; i++)
        {
            var d = _descriptors[i];
            if (d.Condition is { } c && !(values[_indexByName[c.Parameter]] is { } parent && c.IsSatisfiedBy(parent)))
            {
                unit[i] = 0.5;
                continue;
            }
            if (d.Kind == ParameterKind.Float)
            {
                unit[i] = Math.Clamp(unit[i], 0, 1);
                continue;
            }
            var value = d.Decode(unit[i]);
            values[i] = value;
            unit[i] = d.Encode(value);
        }
    }

    /// <summary>Whether <paramref name="parameters"/> is a point of this space: every active parameter present and valid, nothing else.</summary>
    public bool Contains(Parameters parameters)
    {
        try
        {
            Encode(parameters);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Builds a space from the <see cref="SearchFloatAttribute"/>, <see cref="SearchIntAttribute"/>,
    /// <see cref="SearchChoiceAttribute"/> and <see cref="SearchWhenAttribute"/> on the public properties of
    /// <typeparamref name="T"/>, in declaration order (a parent must come before its conditional children).</summary>
    /// <exception cref="ArgumentException">A parameter is invalid, or a condition names an undeclared or later parameter.</exception>
    public static SearchSpace FromOptions<T>() => OptionsSpaceReader.Read(typeof(T));

    /// <summary>One line per parameter.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var d in _descriptors) text.AppendLine(d.ToString());
        return text.ToString();
    }

    private Parameters Build(Func<ParameterDescriptor, object> valueOf)
    {
        var values = new List<KeyValuePair<string, object>>(_descriptors.Count);
        var active = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var d in _descriptors)
        {
            if (d.Condition is { } c && !(active.TryGetValue(c.Parameter, out var parent) && c.IsSatisfiedBy(parent))) continue;
            var value = valueOf(d);
            active[d.Name] = value;
            values.Add(new(d.Name, value));
        }
        return new Parameters(values);
    }

    private SearchSpace Add(ParameterDescriptor descriptor)
    {
        if (Find(descriptor.Name) is not null)
            throw new ArgumentException($"The search space already has a parameter '{descriptor.Name}'.", nameof(descriptor));
        _indexByName.Add(descriptor.Name, _descriptors.Count);
        _descriptors.Add(descriptor);
        return this;
    }

    private ParameterDescriptor? Find(string name)
        => _indexByName.TryGetValue(name, out int index) ? _descriptors[index] : null;

    private ParameterDescriptor Parent(string parameter, ParameterKind kind)
    {
        var parent = Find(parameter)
            ?? throw new ArgumentException($"A condition names '{parameter}', which is not declared before it.", nameof(parameter));
        if (parent.Kind != kind)
            throw new ArgumentException($"A condition of this form needs '{parameter}' to be a {kind.ToString().ToLowerInvariant()} parameter; it is a {parent.Kind.ToString().ToLowerInvariant()}.", nameof(parameter));
        return parent;
    }
}

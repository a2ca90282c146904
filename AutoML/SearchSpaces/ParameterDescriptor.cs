using System.Globalization;

namespace MLExt.AutoML;

/// <summary>
/// One parameter of a <see cref="SearchSpace"/>: its name, kind, range or choices, scale, default,
/// the condition that makes it active, and its coordinate in the unit cube. Each parameter owns one
/// coordinate u in [0, 1]: floats map u linearly (or linearly in log space), integers and choices cut
/// [0, 1] into equal bins (in log space for log integers).
/// </summary>
public sealed class ParameterDescriptor
{
    private readonly double _lo, _hi;

    private ParameterDescriptor(string name, ParameterKind kind, double min, double max, bool log, IReadOnlyList<string> choices, object defaultValue, ParameterCondition? condition, int index)
    {
        Name = name;
        Kind = kind;
        Min = min;
        Max = max;
        IsLog = log;
        Choices = choices;
        Condition = condition;
        Index = index;
        (_lo, _hi) = kind switch
        {
            ParameterKind.Float => log ? (Math.Log(min), Math.Log(max)) : (min, max),
            ParameterKind.Int => log ? (Math.Log(min), Math.Log(max + 1)) : (min, max + 1),
            _ => (0, choices.Count),
        };
        Default = defaultValue;
    }

    /// <summary>The parameter's name, unique in its search space.</summary>
    public string Name { get; }

    /// <summary>Float, integer or choice.</summary>
    public ParameterKind Kind { get; }

    /// <summary>The smallest value (floats and integers; 0 for choices).</summary>
    public double Min { get; }

    /// <summary>The largest value, included (floats and integers; the last index for choices).</summary>
    public double Max { get; }

    /// <summary>Whether the parameter is searched on a log scale.</summary>
    public bool IsLog { get; }

    /// <summary>The choices of a choice parameter; empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>The default value: a double, an int or a string by <see cref="Kind"/>.</summary>
    public object Default { get; }

    /// <summary>What makes this parameter active; null when it always is.</summary>
    public ParameterCondition? Condition { get; }

    /// <summary>This parameter's coordinate in the unit cube.</summary>
    public int Index { get; }

    /// <summary>The number of distinct values of an integer or choice parameter; null for a float.</summary>
    public int? Cardinality => Kind switch
    {
        ParameterKind.Int => (int)(Max - Min) + 1,
        ParameterKind.Choice => Choices.Count,
        _ => null,
    };

    /// <summary>Whether the parameter is active in <paramref name="parameters"/>, whose parent values decide.</summary>
    public bool IsActive(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Condition is null
            || (parameters.TryGetValue(Condition.Parameter, out var parent) && Condition.IsSatisfiedBy(parent));
    }

    /// <summary>The value at unit coordinate <paramref name="unit"/> (clamped to [0, 1]).</summary>
    /// <exception cref="ArgumentException"><paramref name="unit"/> is NaN.</exception>
    public object Decode(double unit)
    {
        if (double.IsNaN(unit)) throw new ArgumentException($"The unit coordinate of '{Name}' is NaN.", nameof(unit));
        unit = Math.Clamp(unit, 0, 1);
        double x = _lo + unit * (_hi - _lo);
        switch (Kind)
        {
            case ParameterKind.Float:
                return Math.Clamp(IsLog ? Math.Exp(x) : x, Min, Max);
            case ParameterKind.Int:
                double v = Math.Floor(IsLog ? Math.Exp(x) : x);
                return (int)Math.Clamp(v, Min, Max);
            default:
                return Choices[Math.Min((int)Math.Floor(x), Choices.Count - 1)];
        }
    }

    /// <summary>
    /// The unit coordinate of <paramref name="value"/>: exact position for floats, the middle of the
    /// value's bin for integers and choices, so that <see cref="Decode"/> gives the value back.
    /// </summary>
    /// <exception cref="ArgumentException">The value has the wrong type or lies outside the range or choices.</exception>
    public double Encode(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (Kind)
        {
            case ParameterKind.Float:
            {
                double v = value switch
                {
                    double d => d,
                    float f => f,
                    int i => i,
                    _ => throw new ArgumentException($"Parameter '{Name}' expects a number; got {value.GetType().Name}.", nameof(value)),
                };
                CheckRange(v);
                return Math.Clamp(((IsLog ? Math.Log(v) : v) - _lo) / (_hi - _lo), 0, 1);
            }
            case ParameterKind.Int:
            {
                if (value is not int i)
                {
                    if (value is double d && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) i = (int)d;
                    else throw new ArgumentException($"Parameter '{Name}' expects an integer; got {value}.", nameof(value));
                }
                CheckRange(i);
                double centre = IsLog ? 0.5 * (Math.Log(i) + Math.Log(i + 1.0)) : i + 0.5;
                return Math.Clamp((centre - _lo) / (_hi - _lo), 0, 1);
            }
            default:
            {
                int index = value is string s ? IndexOf(s) : -1;
                if (index < 0)
                    throw new ArgumentException($"Parameter '{Name}' expects one of {{{string.Join(", ", Choices)}}}; got '{value}'.", nameof(value));
                return (index + 0.5) / Choices.Count;
            }
        }
    }

    /// <summary>The unit-cube interval that decodes to integer <paramref name="value"/> (its bin).</summary>
    internal (double Lower, double Upper) UnitBin(int value)
    {
        double a = IsLog ? Math.Log(value) : value, b = IsLog ? Math.Log(value + 1.0) : value + 1.0;
        return (Math.Max(0, (a - _lo) / (_hi - _lo)), Math.Min(1, (b - _lo) / (_hi - _lo)));
    }

    /// <summary>The index of <paramref name="choice"/> among <see cref="Choices"/>, or -1.</summary>
    public int IndexOf(string choice)
    {
        for (int i = 0; i < Choices.Count; i++)
            if (Choices[i] == choice) return i;
        return -1;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        string range = Kind == ParameterKind.Choice
            ? "{" + string.Join(", ", Choices) + "}"
            : string.Create(CultureInfo.InvariantCulture, $"[{Min}, {Max}]{(IsLog ? " log" : "")}");
        return $"{Name} {Kind.ToString().ToLowerInvariant()} {range}{(Condition is null ? "" : " when " + Condition)}";
    }

    private void CheckRange(double v)
    {
        if (!(v >= Min && v <= Max))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Parameter '{Name}' must lie in [{Min}, {Max}]; got {v}."), nameof(v));
    }

    internal static ParameterDescriptor CreateFloat(string name, double min, double max, bool log, double? defaultValue, ParameterCondition? condition, int index)
    {
        CheckName(name);
        if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Float parameter '{name}' needs finite min < max; got [{min}, {max}]."), nameof(min));
        if (log && min <= 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Log-scale parameter '{name}' needs min > 0; got [{min}, {max}]."), nameof(min));
        double def = defaultValue ?? (log ? Math.Sqrt(min * max) : 0.5 * (min + max));
        if (!(def >= min && def <= max))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The default of '{name}' ({def}) lies outside [{min}, {max}]."), nameof(defaultValue));
        return new ParameterDescriptor(name, ParameterKind.Float, min, max, log, [], def, condition, index);
    }

    internal static ParameterDescriptor CreateInt(string name, int min, int max, bool log, int? defaultValue, ParameterCondition? condition, int index)
    {
        CheckName(name);
        if (min >= max)
            throw new ArgumentException($"Integer parameter '{name}' needs min < max; got [{min}, {max}].", nameof(min));
        if (log && min <= 0)
            throw new ArgumentException($"Log-scale parameter '{name}' needs min > 0; got [{min}, {max}].", nameof(min));
        int def = defaultValue ?? (int)Math.Round(log ? Math.Sqrt((double)min * max) : 0.5 * ((double)min + max));
        if (def < min || def > max)
            throw new ArgumentException($"The default of '{name}' ({def}) lies outside [{min}, {max}].", nameof(defaultValue));
        return new ParameterDescriptor(name, ParameterKind.Int, min, max, log, [], def, condition, index);
    }

    internal static ParameterDescriptor CreateChoice(string name, IReadOnlyList<string> choices, string? defaultValue, ParameterCondition? condition, int index)
    {
        CheckName(name);
        if (choices is null || choices.Count == 0)
            throw new ArgumentException($"Choice parameter '{name}' needs at least one choice.", nameof(choices));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in choices)
        {
            if (c is null) throw new ArgumentException($"Choice parameter '{name}' has a null choice.", nameof(choices));
            if (!seen.Add(c)) throw new ArgumentException($"Choice parameter '{name}' lists '{c}' twice.", nameof(choices));
        }
        string def = defaultValue ?? choices[0];
        if (!seen.Contains(def))
            throw new ArgumentException($"The default of '{name}' ('{def}') is not one of its choices.", nameof(defaultValue));
        return new ParameterDescriptor(name, ParameterKind.Choice, 0, choices.Count - 1, false, choices.ToArray(), def, condition, index);
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A parameter needs a non-empty name.", nameof(name));
    }
}

namespace MLExt.AutoML;

/// <summary>
/// When a conditional parameter is active: its parent parameter is active and the parent's value
/// satisfies this condition (either one of <see cref="Choices"/> or an integer predicate).
/// </summary>
public sealed class ParameterCondition
{
    private readonly Func<int, bool>? _predicate;

    internal ParameterCondition(string parameter, IReadOnlyList<string> choices)
    {
        Parameter = parameter;
        Choices = choices;
        Description = choices.Count == 1 ? $"{parameter} = {choices[0]}" : $"{parameter} in {{{string.Join(", ", choices)}}}";
    }

    internal ParameterCondition(string parameter, Func<int, bool> predicate, string? description)
    {
        Parameter = parameter;
        _predicate = predicate;
        Description = description ?? $"{parameter} satisfies a condition";
    }

    /// <summary>The parent parameter this condition reads.</summary>
    public string Parameter { get; }

    /// <summary>The parent's choices that activate the child; null for an integer predicate.</summary>
    public IReadOnlyList<string>? Choices { get; }

    /// <summary>A readable form, such as "Trainer = fasttree".</summary>
    public string Description { get; }

    /// <summary>Whether the parent's value activates the child.</summary>
    /// <param name="parentValue">The parent's value: a string for a choice, an int for an integer parameter.</param>
    public bool IsSatisfiedBy(object parentValue) => parentValue switch
    {
        string s when Choices is not null => Choices.Contains(s),
        int i when _predicate is not null => _predicate(i),
        _ => false,
    };

    /// <inheritdoc />
    public override string ToString() => Description;
}

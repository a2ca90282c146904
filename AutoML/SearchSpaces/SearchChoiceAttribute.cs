namespace MLExt.AutoML;

/// <summary>
/// Declares a string or enum property of an options class as a categorical search parameter (see
/// <see cref="SearchSpace.FromOptions{T}"/>). On an enum property the choices default to the enum's names.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SearchChoiceAttribute : Attribute
{
    /// <summary>Declares the choices.</summary>
    public SearchChoiceAttribute(params string[] choices)
    {
        Choices = choices;
    }

    /// <summary>The choices.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>The default choice; the first when not set.</summary>
    public string? Default { get; set; }
}

namespace MLExt.AutoML;

/// <summary>
/// Makes a search parameter of an options class conditional: active only when the choice property
/// <see cref="Parameter"/> (declared earlier in the class) takes one of <see cref="Choices"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SearchWhenAttribute : Attribute
{
    /// <summary>Declares the condition.</summary>
    public SearchWhenAttribute(string parameter, params string[] choices)
    {
        Parameter = parameter;
        Choices = choices;
    }

    /// <summary>The parent parameter's name.</summary>
    public string Parameter { get; }

    /// <summary>The parent's choices that activate the parameter.</summary>
    public IReadOnlyList<string> Choices { get; }
}

namespace MLExt.AutoML;

/// <summary>The kind of a search-space parameter.</summary>
public enum ParameterKind
{
    /// <summary>A real number in [min, max], uniform or log-uniform.</summary>
    Float,

    /// <summary>An integer in [min, max] (both included), uniform or log-uniform.</summary>
    Int,

    /// <summary>One of a list of strings.</summary>
    Choice,
}

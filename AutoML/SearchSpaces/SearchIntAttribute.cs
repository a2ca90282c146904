namespace MLExt.AutoML;

/// <summary>Declares an int property of an options class as an integer search parameter (see <see cref="SearchSpace.FromOptions{T}"/>).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SearchIntAttribute : Attribute
{
    private int? _default;

    /// <summary>Declares a range [<paramref name="min"/>, <paramref name="max"/>], both included.</summary>
    public SearchIntAttribute(int min, int max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>The smallest value.</summary>
    public int Min { get; }

    /// <summary>The largest value.</summary>
    public int Max { get; }

    /// <summary>Whether to search on a log scale (the range must lie above 0).</summary>
    public bool Log { get; set; }

    /// <summary>The default value; the middle of the range when not set.</summary>
    public int Default
    {
        get => _default ?? 0;
        set => _default = value;
    }

    internal int? DefaultValue => _default;
}

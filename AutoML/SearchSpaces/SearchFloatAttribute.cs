namespace MLExt.AutoML;

/// <summary>Declares a float or double property of an options class as a real search parameter (see <see cref="SearchSpace.FromOptions{T}"/>).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SearchFloatAttribute : Attribute
{
    private double _default = double.NaN;

    /// <summary>Declares a range [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public SearchFloatAttribute(double min, double max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>The smallest value.</summary>
    public double Min { get; }

    /// <summary>The largest value.</summary>
    public double Max { get; }

    /// <summary>Whether to search on a log scale (the range must lie above 0).</summary>
    public bool Log { get; set; }

    /// <summary>The default value; the middle of the range (geometric middle on a log scale) when not set.</summary>
    public double Default
    {
        get => _default;
        set => _default = value;
    }

    internal double? DefaultValue => double.IsNaN(_default) ? null : _default;
}

namespace MLExt.Evaluation.Metrics;

/// <summary>Collects <see cref="MetricValue"/>s in order and remembers why undefined ones are NaN.</summary>
internal sealed class MetricList
{
    private readonly List<MetricValue> _values = [];
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);

    /// <summary>Records why <paramref name="name"/> is undefined; used when it is added with a NaN value.</summary>
    public void Explain(string name, string reason) => _reasons[name] = reason;

    public void Add(string name, double value, bool higherIsBetter)
    {
        string? reason = null;
        if (double.IsNaN(value))
            reason = _reasons.TryGetValue(name, out var r) ? r : "undefined on this data";
        _values.Add(new MetricValue(name, value, higherIsBetter, reason));
    }

    public IReadOnlyList<MetricValue> ToList() => _values.ToArray();
}

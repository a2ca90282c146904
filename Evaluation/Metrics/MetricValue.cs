namespace MLExt.Evaluation.Metrics;

/// <summary>One named metric value, with the reason when it is undefined (NaN).</summary>
/// <param name="Name">The metric's name, such as <c>AUC</c> or <c>RMSE</c>.</param>
/// <param name="Value">The value; <see cref="double.NaN"/> when the metric is undefined on the data.</param>
/// <param name="HigherIsBetter">Whether a larger value means a better model.</param>
/// <param name="Reason">Why <paramref name="Value"/> is NaN, or null when it is defined.</param>
public sealed record MetricValue(string Name, double Value, bool HigherIsBetter, string? Reason = null);

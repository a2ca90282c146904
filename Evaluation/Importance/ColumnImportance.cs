using MLExt.Evaluation.CrossValidation;

namespace MLExt.Evaluation.Importance;

/// <summary>How much a metric drops when one input column's values are shuffled across the rows, over repeats.</summary>
/// <param name="Column">The input column.</param>
/// <param name="Drop">The metric without shuffling minus with it (for a lower-is-better metric, the rise), one value
/// per repeat, with mean and 95% interval (Student's t over the repeats).</param>
public sealed record ColumnImportance(string Column, MetricSummary Drop);

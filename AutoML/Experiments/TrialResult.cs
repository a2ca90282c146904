using MLExt.Evaluation.Metrics;

namespace MLExt.AutoML;

/// <summary>What a trial runner measured: the optimised metric, every metric of the evaluation, and the epochs trained.</summary>
/// <param name="Metric">The optimised metric (NaN when undefined, which counts as a failure).</param>
/// <param name="Metrics">Every metric the evaluation computed (cross-validation means), for the report.</param>
/// <param name="EpochsTrained">Epochs trained over all folds; 0 for trainers without epochs.</param>
public sealed record TrialResult(double Metric, IReadOnlyList<MetricValue> Metrics, int EpochsTrained);

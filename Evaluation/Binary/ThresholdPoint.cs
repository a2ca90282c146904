namespace MLExt.Evaluation.Binary;

/// <summary>The confusion matrix when rows are predicted positive for a score greater than <paramref name="Threshold"/>.</summary>
/// <param name="Threshold">The decision threshold (−∞: every row positive).</param>
/// <param name="Confusion">Counts at that threshold; every metric is read from it.</param>
public sealed record ThresholdPoint(double Threshold, BinaryConfusion Confusion);

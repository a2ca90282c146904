namespace MLExt.Evaluation.Binary;

/// <summary>One operating point of a ROC curve: rows are predicted positive when their score is greater than <paramref name="Threshold"/>.</summary>
/// <param name="FalsePositiveRate">FP / negatives.</param>
/// <param name="TruePositiveRate">TP / positives (recall).</param>
/// <param name="Threshold">The threshold; −∞ for the point where every row is positive.</param>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);

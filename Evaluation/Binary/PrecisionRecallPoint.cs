namespace MLExt.Evaluation.Binary;

/// <summary>One point of a precision–recall curve: rows are predicted positive when their score is greater than <paramref name="Threshold"/>.</summary>
/// <param name="Recall">TP / positives.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Threshold">The threshold; −∞ for the point where every row is positive.</param>
public sealed record PrecisionRecallPoint(double Recall, double Precision, double Threshold);

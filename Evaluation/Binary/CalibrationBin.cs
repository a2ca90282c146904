namespace MLExt.Evaluation.Binary;

/// <summary>One reliability bin: the rows whose predicted probability falls in [<paramref name="Lower"/>, <paramref name="Upper"/>).</summary>
/// <param name="Lower">Lower edge (inclusive).</param>
/// <param name="Upper">Upper edge (exclusive, except 1 for the last bin).</param>
/// <param name="Count">Rows in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability of those rows; NaN when empty.</param>
/// <param name="FractionPositive">Fraction of those rows whose label is positive; NaN when empty.</param>
public sealed record CalibrationBin(double Lower, double Upper, long Count, double MeanPredicted, double FractionPositive);

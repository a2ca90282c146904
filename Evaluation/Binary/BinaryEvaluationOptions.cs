namespace MLExt.Evaluation.Binary;

/// <summary>
/// Which columns hold a binary classifier's output, and how to read it. The defaults are ML.NET's. The label is
/// Boolean, a number (positive when &gt; 0) or a key with two values; the score is the raw score (Single or Double),
/// which ROC and precision–recall use.
/// </summary>
public sealed class BinaryEvaluationOptions : ColumnOptions
{
    /// <summary>
    /// The probability column, for log loss, Brier score and calibration; null for none. Default <c>Probability</c>;
    /// when the default is missing from the data those metrics are NaN with the reason, when another name is missing it is an error.
    /// </summary>
    public string? ProbabilityColumnName { get; set; } = DefaultProbabilityColumnName;

    /// <summary>Rows are predicted positive when their value is greater than this. Default 0, ML.NET's.</summary>
    public double Threshold { get; set; }

    /// <summary>Whether <see cref="Threshold"/> applies to the score (true, ML.NET's default) or to the probability.</summary>
    public bool UseRawScoreThreshold { get; set; } = true;

    /// <summary>Number of equal-width reliability bins on [0, 1]. Default 10.</summary>
    public int CalibrationBins { get; set; } = 10;

    /// <summary>Cost of a false positive for the cost-optimal threshold. Default 1.</summary>
    public double FalsePositiveCost { get; set; } = 1;

    /// <summary>Cost of a false negative for the cost-optimal threshold. Default 1.</summary>
    public double FalseNegativeCost { get; set; } = 1;

    internal const string DefaultProbabilityColumnName = "Probability";

    internal void Validate()
    {
        ValidateColumns();
        if (double.IsNaN(Threshold))
            throw new ArgumentException("Threshold must not be NaN.", nameof(Threshold));
        if (CalibrationBins < 1)
            throw new ArgumentOutOfRangeException(nameof(CalibrationBins), CalibrationBins, "CalibrationBins must be at least 1.");
        if (!(FalsePositiveCost >= 0) || double.IsInfinity(FalsePositiveCost))
            throw new ArgumentOutOfRangeException(nameof(FalsePositiveCost), FalsePositiveCost, "Costs must be finite and non-negative.");
        if (!(FalseNegativeCost >= 0) || double.IsInfinity(FalseNegativeCost))
            throw new ArgumentOutOfRangeException(nameof(FalseNegativeCost), FalseNegativeCost, "Costs must be finite and non-negative.");
    }
}

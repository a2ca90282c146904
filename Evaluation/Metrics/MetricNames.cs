namespace MLExt.Evaluation.Metrics;

/// <summary>The names under which metrics appear in <see cref="MetricValue"/> lists, reports and cross-validation summaries.</summary>
public static class MetricNames
{
#pragma warning disable CS1591 // the names are self-describing
    public const string Accuracy = "Accuracy";
    public const string BalancedAccuracy = "BalancedAccuracy";
    public const string Precision = "Precision";
    public const string Recall = "Recall";
    public const string Specificity = "Specificity";
    public const string F1 = "F1";
    public const string MatthewsCorrelation = "MCC";
    public const string Auc = "AUC";
    public const string AveragePrecision = "AveragePrecision";
    public const string AreaUnderPrecisionRecallCurve = "AUPRC";
#pragma warning restore CS1591

    /// <summary>Binary log loss in bits (−log₂ p, ML.NET's binary convention); the unit is in the name wherever it is shown.</summary>
    public const string LogLossBits = "LogLossBits";

    /// <summary>Multiclass log loss in nats (−ln p, ML.NET's multiclass convention); the unit is in the name wherever it is shown.</summary>
    public const string LogLossNats = "LogLossNats";
#pragma warning disable CS1591
    public const string LogLossReduction = "LogLossReduction";
    public const string BrierScore = "Brier";
    public const string ExpectedCalibrationError = "ECE";
    public const string MicroAccuracy = "MicroAccuracy";
    public const string MacroAccuracy = "MacroAccuracy";
    public const string MacroPrecision = "MacroPrecision";
    public const string MacroRecall = "MacroRecall";
    public const string MacroF1 = "MacroF1";
    public const string WeightedPrecision = "WeightedPrecision";
    public const string WeightedRecall = "WeightedRecall";
    public const string WeightedF1 = "WeightedF1";
    public const string MacroAuc = "MacroAUC";
    public const string TopKAccuracyPrefix = "Top";
    public const string MeanSquaredError = "MSE";
    public const string RootMeanSquaredError = "RMSE";
    public const string MeanAbsoluteError = "MAE";
    public const string MedianAbsoluteError = "MedianAE";
    public const string RSquared = "R2";
    public const string ExplainedVariance = "ExplainedVariance";
#pragma warning restore CS1591

    /// <summary>The name of top-<paramref name="k"/> accuracy, such as <c>Top3Accuracy</c>.</summary>
    public static string TopKAccuracy(int k) => $"{TopKAccuracyPrefix}{k}Accuracy";
}

using MLExt.Evaluation.Metrics;

namespace MLExt.Evaluation.Binary;

/// <summary>Everything measured about a binary classifier on one set of scored rows.</summary>
public sealed class BinaryEvaluation : IEvaluationResult
{
    /// <inheritdoc/>
    public EvaluationTask Task => EvaluationTask.BinaryClassification;

    internal BinaryEvaluation(BinaryPredictions predictions, double threshold, BinaryConfusion confusion, RocCurve roc,
        PrecisionRecallCurve precisionRecall, CalibrationCurve calibration, ThresholdAnalysis thresholds,
        double logLoss, double logLossReduction, IReadOnlyList<MetricValue> metrics, IReadOnlyList<string> warnings)
    {
        Predictions = predictions;
        Threshold = threshold;
        Confusion = confusion;
        Roc = roc;
        PrecisionRecall = precisionRecall;
        Calibration = calibration;
        Thresholds = thresholds;
        LogLoss = logLoss;
        LogLossReduction = logLossReduction;
        Metrics = metrics;
        Warnings = warnings;
    }

    /// <summary>The rows evaluated (after leaving out unlabeled rows and non-finite scores).</summary>
    public BinaryPredictions Predictions { get; }

    /// <summary>The decision threshold used for <see cref="Confusion"/>.</summary>
    public double Threshold { get; }

    /// <summary>The confusion matrix at <see cref="Threshold"/>.</summary>
    public BinaryConfusion Confusion { get; }

    /// <summary>ROC curve of the score, and AUC.</summary>
    public RocCurve Roc { get; }

    /// <summary>Precision–recall curve of the score, average precision and AUPRC.</summary>
    public PrecisionRecallCurve PrecisionRecall { get; }

    /// <summary>Reliability bins, ECE and Brier score of the probability.</summary>
    public CalibrationCurve Calibration { get; }

    /// <summary>Metrics at every threshold of the decision value (score or probability, as the options say).</summary>
    public ThresholdAnalysis Thresholds { get; }

    /// <summary>Accuracy at <see cref="Threshold"/>.</summary>
    public double Accuracy => Confusion.Accuracy;

    /// <summary>Area under the ROC curve.</summary>
    public double AreaUnderRocCurve => Roc.Area;

    /// <summary>Average precision.</summary>
    public double AveragePrecision => PrecisionRecall.AveragePrecision;

    /// <summary>ML.NET's lower-trapezoid AUPRC.</summary>
    public double AreaUnderPrecisionRecallCurve => PrecisionRecall.AreaUnderCurve;

    /// <summary>F1 at <see cref="Threshold"/>.</summary>
    public double F1Score => Confusion.F1;

    /// <summary>Mean log loss of the probability in bits, −log₂ p(label), as ML.NET reports it, reported as <c>LogLossBits</c> (no clipping: p = 0 for the true class gives +∞).</summary>
    public double LogLoss { get; }

    /// <summary>(H(prior) − log loss) / H(prior), the relative improvement over always predicting the positive rate.</summary>
    public double LogLossReduction { get; }

    /// <summary>Brier score of the probability.</summary>
    public double BrierScore => Calibration.BrierScore;

    /// <summary>Every scalar metric, in a fixed order, with reasons for the undefined ones.</summary>
    public IReadOnlyList<MetricValue> Metrics { get; }

    /// <summary>What was left out or could not be computed, in words.</summary>
    public IReadOnlyList<string> Warnings { get; }
}

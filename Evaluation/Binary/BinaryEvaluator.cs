using MLExt.Evaluation.Metrics;
using Microsoft.ML;

namespace MLExt.Evaluation.Binary;

/// <summary>
/// Evaluates a binary classifier from any scored <see cref="IDataView"/> (or from arrays): the confusion matrix and
/// its metrics, ROC and precision–recall curves, log loss, calibration and threshold analysis.
/// </summary>
/// <remarks>
/// Agreement with ML.NET's <c>BinaryClassification.Evaluate</c>: rows with a missing label or a non-finite score are
/// left out; a row is positive when its label is &gt; 0 and predicted positive when its score is &gt; the threshold
/// (0); AUC is the tie-aware area from the score; log loss is in bits from the probability, unclipped.
/// </remarks>
public static class BinaryEvaluator
{
    /// <summary>Evaluates the scored <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, or an option is invalid.</exception>
    public static BinaryEvaluation Evaluate(IDataView data, BinaryEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new BinaryEvaluationOptions();
        options.Validate();
        var warnings = new List<string>();
        var predictions = BinaryPredictionReader.Read(data, options, warnings);
        return Evaluate(predictions, options, warnings);
    }

    /// <summary>Evaluates predictions given as arrays; <see cref="BinaryPredictions.Probabilities"/> may be empty.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length, a score is not finite, or an option is invalid.</exception>
    public static BinaryEvaluation Evaluate(BinaryPredictions predictions, BinaryEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        options ??= new BinaryEvaluationOptions();
        options.Validate();
        BinaryInput.CheckFinite(predictions.Scores, predictions.Labels, nameof(predictions));
        if (predictions.Probabilities.Length != 0 && predictions.Probabilities.Length != predictions.Count)
            throw new ArgumentException($"There are {predictions.Probabilities.Length} probabilities for {predictions.Count} rows.", nameof(predictions));
        return Evaluate(predictions, options, []);
    }

    private static BinaryEvaluation Evaluate(BinaryPredictions predictions, BinaryEvaluationOptions options, List<string> warnings)
    {
        bool[] labels = predictions.Labels;
        double[] scores = predictions.Scores, probabilities = predictions.Probabilities;
        bool hasProbability = probabilities.Length > 0;
        if (!options.UseRawScoreThreshold && !hasProbability)
            throw new ArgumentException("UseRawScoreThreshold is false, so the threshold applies to the probability, but there is no probability column.", nameof(options));

        var groups = ScoreGroups.Build(scores, labels);
        var roc = RocCurve.From(groups);
        var precisionRecall = PrecisionRecallCurve.From(groups, scores, labels);

        // The decision value: the score, or the probability on the rows that have one.
        var (decision, decisionLabels) = options.UseRawScoreThreshold ? (scores, labels) : WithProbability(probabilities, labels);
        var confusion = Confusion(decision, decisionLabels, options.Threshold);
        var thresholds = ThresholdAnalysis.From(options.UseRawScoreThreshold ? groups : ScoreGroups.Build(decision, decisionLabels));

        var list = new MetricList();
        string? classReason = BinaryInput.MissingClassReason(confusion.Positives, confusion.Negatives, "This metric");
        if (classReason is not null)
        {
            list.Explain(MetricNames.BalancedAccuracy, classReason);
            list.Explain(MetricNames.MatthewsCorrelation, classReason);
            list.Explain(MetricNames.Accuracy, classReason);
        }
        else
            list.Explain(MetricNames.MatthewsCorrelation, "MCC is undefined: every row is predicted in one class, so a factor of its denominator is 0.");
        if (roc.Reason is { } rocReason)
            list.Explain(MetricNames.Auc, rocReason);
        if (precisionRecall.Reason is { } prReason)
        {
            list.Explain(MetricNames.AveragePrecision, prReason);
            list.Explain(MetricNames.AreaUnderPrecisionRecallCurve, prReason);
        }

        var (calibration, logLoss, logLossReduction) = ProbabilityMetrics(labels, probabilities, hasProbability, options, list);

        list.Add(MetricNames.Accuracy, confusion.Accuracy, true);
        list.Add(MetricNames.BalancedAccuracy, confusion.BalancedAccuracy, true);
        list.Add(MetricNames.Precision, confusion.Precision, true);
        list.Add(MetricNames.Recall, confusion.Recall, true);
        list.Add(MetricNames.Specificity, confusion.Specificity, true);
        list.Add(MetricNames.F1, confusion.F1, true);
        list.Add(MetricNames.MatthewsCorrelation, confusion.MatthewsCorrelation, true);
        list.Add(MetricNames.Auc, roc.Area, true);
        list.Add(MetricNames.AveragePrecision, precisionRecall.AveragePrecision, true);
        list.Add(MetricNames.AreaUnderPrecisionRecallCurve, precisionRecall.AreaUnderCurve, true);
        list.Add(MetricNames.LogLossBits, logLoss, false);
        list.Add(MetricNames.LogLossReduction, logLossReduction, true);
        list.Add(MetricNames.BrierScore, calibration.BrierScore, false);
        list.Add(MetricNames.ExpectedCalibrationError, calibration.ExpectedCalibrationError, false);

        return new BinaryEvaluation(predictions, options.Threshold, confusion, roc, precisionRecall, calibration, thresholds,
            logLoss, logLossReduction, list.ToList(), warnings.ToArray());
    }

    /// <summary>Counts with ML.NET's rule: predicted positive when value &gt; threshold.</summary>
    internal static BinaryConfusion Confusion(ReadOnlySpan<double> values, ReadOnlySpan<bool> labels, double threshold)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < values.Length; i++)
        {
            bool positive = values[i] > threshold;
            if (labels[i])
            {
                if (positive) tp++; else fn++;
            }
            else if (positive) fp++;
            else tn++;
        }
        return new BinaryConfusion(tp, fp, tn, fn);
    }

    private static (double[] Values, bool[] Labels) WithProbability(double[] probabilities, bool[] labels)
    {
        var values = new List<double>(probabilities.Length);
        var kept = new List<bool>(probabilities.Length);
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (double.IsNaN(probabilities[i]))
                continue;
            values.Add(probabilities[i]);
            kept.Add(labels[i]);
        }
        return (values.ToArray(), kept.ToArray());
    }

    private static (CalibrationCurve Calibration, double LogLoss, double Reduction) ProbabilityMetrics(
        bool[] labels, double[] probabilities, bool hasProbability, BinaryEvaluationOptions options, MetricList list)
    {
        string? reason = null;
        if (!hasProbability)
            reason = "There is no probability column.";
        else if (probabilities.Length == 0)
            reason = "There are no rows to evaluate.";
        else
        {
            int nan = probabilities.Count(double.IsNaN);
            int outside = probabilities.Count(p => p < 0 || p > 1);
            if (nan > 0)
                reason = $"{nan} row(s) have a NaN probability.";
            else if (outside > 0)
                reason = $"{outside} probabilit(ies) lie outside [0, 1].";
        }
        if (reason is not null)
        {
            foreach (var name in new[] { MetricNames.LogLossBits, MetricNames.LogLossReduction, MetricNames.BrierScore, MetricNames.ExpectedCalibrationError })
                list.Explain(name, reason);
            return (CalibrationCurve.Undefined(reason), double.NaN, double.NaN);
        }

        // Log loss in bits, ML.NET's: −log₂ p for a positive row, −log₂ (1 − p) for a negative one.
        double sum = 0;
        long positives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            sum += labels[i] ? -Math.Log(probabilities[i], 2) : -Math.Log(1.0 - probabilities[i], 2);
            if (labels[i])
                positives++;
        }
        double logLoss = sum / labels.Length;
        double prior = (double)positives / labels.Length;
        double priorEntropy = prior is 0 or 1 ? 0 : -prior * Math.Log(prior, 2) - (1 - prior) * Math.Log(1 - prior, 2);
        double reduction = priorEntropy == 0 ? double.NaN : (priorEntropy - logLoss) / priorEntropy;
        if (priorEntropy == 0)
            list.Explain(MetricNames.LogLossReduction, "Log-loss reduction is undefined: the label has a single class, so the prior's entropy is 0.");
        return (CalibrationCurve.Compute(probabilities, labels, options.CalibrationBins), logLoss, reduction);
    }
}

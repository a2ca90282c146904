using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Metrics;
using Microsoft.ML;

namespace MLExt.Evaluation.Multiclass;

/// <summary>
/// Evaluates a multiclass classifier from any scored <see cref="IDataView"/> (or from arrays): per-class report,
/// macro, micro and weighted averages, confusion matrix, one-vs-rest ROC, top-k accuracy and log loss.
/// </summary>
/// <remarks>
/// As ML.NET's <c>MulticlassClassification.Evaluate</c>: the prediction is the first class with the highest score;
/// micro accuracy is the fraction correct; macro accuracy the mean recall over classes with rows; log loss is
/// −ln p(label) with p clipped to [1e-15, 1]; a label outside the score vector counts as wrong with −ln 1e-15.
/// </remarks>
public static class MulticlassEvaluator
{
    private const float Epsilon = 1e-15f;

    /// <summary>Evaluates the scored <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type.</exception>
    public static MulticlassEvaluation Evaluate(IDataView data, MulticlassEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new MulticlassEvaluationOptions();
        options.Validate();
        var warnings = new List<string>();
        return Evaluate(MulticlassPredictionReader.Read(data, options, warnings), warnings);
    }

    /// <summary>Evaluates predictions given as arrays.</summary>
    /// <exception cref="ArgumentException">The arrays are inconsistent or a score is not finite.</exception>
    public static MulticlassEvaluation Evaluate(MulticlassPredictions predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        predictions.Validate();
        return Evaluate(predictions, []);
    }

    private static MulticlassEvaluation Evaluate(MulticlassPredictions predictions, List<string> warnings)
    {
        int k = predictions.ClassCount, n = predictions.Count;
        var counts = new double[k][];
        for (int a = 0; a < k; a++)
            counts[a] = new double[k];
        var rankCounts = new long[k + 1];
        var classLogLoss = new double[k];
        var support = new long[k];
        double totalLogLoss = 0;
        long correct = 0;
        for (int i = 0; i < n; i++)
        {
            int label = predictions.Labels[i];
            double[] s = predictions.Scores[i];
            bool known = label < k;
            double p = known ? s[label] : 0;
            // ML.NET clips in float: p ∈ [1e-15f, 1].
            double loss = known ? -Math.Log(Math.Min(1, Math.Max(Epsilon, p))) : -Math.Log(Epsilon);
            totalLogLoss += loss;
            int rank = 0, assigned = 0;
            for (int c = 0; c < k; c++)
            {
                if (s[c] > p || (s[c] == p && c < label))
                    rank++;
                if (s[assigned] < s[c])
                    assigned = c;
            }
            rankCounts[rank]++;
            if (!known)
                continue;
            support[label]++;
            classLogLoss[label] += loss;
            counts[label][assigned]++;
            if (assigned == label)
                correct++;
        }

        var list = new MetricList();
        string noRows = "There are no rows to evaluate.";
        double micro = n == 0 ? double.NaN : (double)correct / n;
        double macroAccuracy = MacroAccuracy(counts, support);
        double logLoss = n == 0 ? double.NaN : totalLogLoss / n;
        double reduction = Reduction(support, n, logLoss);
        if (n == 0)
            foreach (var name in new[] { MetricNames.MicroAccuracy, MetricNames.MacroAccuracy, MetricNames.LogLossNats, MetricNames.LogLossReduction })
                list.Explain(name, noRows);
        else if (double.IsNaN(reduction))
            list.Explain(MetricNames.LogLossReduction, "Log-loss reduction is undefined: a single class occurs, so the prior's entropy is 0.");

        var precision = ConfusionMatrixMetrics.PerClassPrecision(counts);
        var recall = ConfusionMatrixMetrics.PerClassRecall(counts);
        var f1 = ConfusionMatrixMetrics.PerClassF1(counts);
        var rocs = new RocCurve[k];
        var reports = new ClassReport[k];
        var labelsOf = new bool[n];
        var scoresOf = new double[n];
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
            {
                labelsOf[i] = predictions.Labels[i] == c;
                scoresOf[i] = predictions.Scores[i][c];
            }
            rocs[c] = RocCurve.From(ScoreGroups.Build(scoresOf, labelsOf));
            reports[c] = new ClassReport(predictions.ClassNames[c], precision[c], recall[c], f1[c], support[c], rocs[c].Area,
                support[c] == 0 ? double.NaN : classLogLoss[c] / support[c]);
        }
        var definedAucs = rocs.Where(r => !double.IsNaN(r.Area)).Select(r => r.Area).ToArray();
        double macroAuc = definedAucs.Length == 0 ? double.NaN : definedAucs.Average();
        if (definedAucs.Length == 0)
            list.Explain(MetricNames.MacroAuc, "One-vs-rest AUC is undefined for every class: each needs rows of its own class and of others.");

        bool anyClass = counts.Any(row => row.Sum() > 0);
        if (!anyClass)
            foreach (var name in new[] { MetricNames.MacroPrecision, MetricNames.MacroRecall, MetricNames.MacroF1, MetricNames.WeightedPrecision, MetricNames.WeightedRecall, MetricNames.WeightedF1 })
                list.Explain(name, "No row has a known class.");
        var topK = new double[k];
        long cumulative = 0;
        for (int r = 0; r < k; r++)
        {
            cumulative += rankCounts[r];
            topK[r] = n == 0 ? double.NaN : (double)cumulative / n;
        }

        list.Add(MetricNames.MicroAccuracy, micro, true);
        list.Add(MetricNames.MacroAccuracy, macroAccuracy, true);
        list.Add(MetricNames.MacroPrecision, anyClass ? ConfusionMatrixMetrics.MacroPrecision(counts) : double.NaN, true);
        list.Add(MetricNames.MacroRecall, anyClass ? ConfusionMatrixMetrics.MacroRecall(counts) : double.NaN, true);
        list.Add(MetricNames.MacroF1, anyClass ? ConfusionMatrixMetrics.MacroF1(counts) : double.NaN, true);
        list.Add(MetricNames.WeightedPrecision, Weighted(precision, support), true);
        list.Add(MetricNames.WeightedRecall, Weighted(recall, support), true);
        list.Add(MetricNames.WeightedF1, Weighted(f1, support), true);
        list.Add(MetricNames.MacroAuc, macroAuc, true);
        list.Add(MetricNames.LogLossNats, logLoss, false);
        list.Add(MetricNames.LogLossReduction, reduction, true);
        for (int r = 2; r <= Math.Min(k, 5); r++)
        {
            if (n == 0)
                list.Explain(MetricNames.TopKAccuracy(r), noRows);
            list.Add(MetricNames.TopKAccuracy(r), topK[r - 1], true);
        }

        return new MulticlassEvaluation(predictions, new MulticlassConfusionMatrix(predictions.ClassNames, counts), reports, rocs, topK,
            logLoss, reduction, list.ToList(), warnings.ToArray());
    }

    /// <summary>ML.NET's macro accuracy: the mean of TP/support over classes with support.</summary>
    private static double MacroAccuracy(double[][] counts, long[] support)
    {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < support.Length; c++)
        {
            if (support[c] == 0)
                continue;
            sum += counts[c][c] / support[c];
            present++;
        }
        return present == 0 ? double.NaN : sum / present;
    }

    /// <summary>(H − log loss) / H with H = −Σ (n_c/N) ln(n_c/N), N counting rows of unknown classes too (ML.NET).</summary>
    private static double Reduction(long[] support, int n, double logLoss)
    {
        if (n == 0)
            return double.NaN;
        double entropy = 0;
        foreach (long s in support)
            if (s > 0)
                entropy -= s * Math.Log((double)s / n);
        entropy /= n;
        return entropy == 0 ? double.NaN : (entropy - logLoss) / entropy;
    }

    private static double Weighted(double[] values, long[] support)
    {
        double total = support.Sum();
        if (total == 0)
            return double.NaN;
        double sum = 0;
        for (int c = 0; c < values.Length; c++)
            sum += values[c] * support[c];
        return sum / total;
    }
}

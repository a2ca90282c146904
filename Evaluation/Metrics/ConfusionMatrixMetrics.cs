using Microsoft.ML.Data;

namespace MLExt.Evaluation.Metrics;

/// <summary>
/// Per-class precision, recall and F1, and their macro averages, from a confusion matrix —
/// what ML.NET's <see cref="MulticlassClassificationMetrics"/> leaves out.
/// </summary>
/// <remarks>
/// Counts follow ML.NET's <see cref="ConfusionMatrix.Counts"/>: <c>counts[actual][predicted]</c>.
/// For class <c>k</c>: precision = TP / (TP + FP), recall = TP / (TP + FN),
/// F1 = 2 · precision · recall / (precision + recall); a ratio with a zero denominator is 0.
/// Macro averages are the unweighted means over the classes that occur, as actual or as predicted,
/// at least once (as scikit-learn averages over the labels present); a class absent from both does
/// not pull the average down.
/// </remarks>
public static class ConfusionMatrixMetrics
{
    /// <summary>Precision of each class: TP / (TP + FP), 0 when the class is never predicted.</summary>
    public static double[] PerClassPrecision(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        int classes = Validate(counts);
        var precision = new double[classes];
        for (int k = 0; k < classes; k++)
            precision[k] = Ratio(counts[k][k], PredictedTotal(counts, k));
        return precision;
    }

    /// <summary>Recall of each class: TP / (TP + FN), 0 when the class never occurs.</summary>
    public static double[] PerClassRecall(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        int classes = Validate(counts);
        var recall = new double[classes];
        for (int k = 0; k < classes; k++)
            recall[k] = Ratio(counts[k][k], counts[k].Sum());
        return recall;
    }

    /// <summary>F1 of each class: the harmonic mean of its precision and recall, 0 when both are 0.</summary>
    public static double[] PerClassF1(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        double[] precision = PerClassPrecision(counts), recall = PerClassRecall(counts);
        var f1 = new double[precision.Length];
        for (int k = 0; k < f1.Length; k++)
            f1[k] = Ratio(2 * precision[k] * recall[k], precision[k] + recall[k]);
        return f1;
    }

    /// <summary>The mean of <see cref="PerClassPrecision(IReadOnlyList{IReadOnlyList{double}})"/> over the classes that occur.</summary>
    public static double MacroPrecision(IReadOnlyList<IReadOnlyList<double>> counts) => MacroMean(counts, PerClassPrecision(counts));

    /// <summary>The mean of <see cref="PerClassRecall(IReadOnlyList{IReadOnlyList{double}})"/> over the classes that occur.</summary>
    public static double MacroRecall(IReadOnlyList<IReadOnlyList<double>> counts) => MacroMean(counts, PerClassRecall(counts));

    /// <summary>Macro F1: the mean of the per-class F1 over the classes that occur (not the F1 of the macro precision and recall).</summary>
    public static double MacroF1(IReadOnlyList<IReadOnlyList<double>> counts) => MacroMean(counts, PerClassF1(counts));

    /// <summary>Macro F1 of an ML.NET confusion matrix; see <see cref="MacroF1(IReadOnlyList{IReadOnlyList{double}})"/>.</summary>
    public static double MacroF1(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return MacroF1(matrix.Counts);
    }

    /// <summary>Per-class F1 of an ML.NET confusion matrix; see <see cref="PerClassF1(IReadOnlyList{IReadOnlyList{double}})"/>.</summary>
    public static double[] PerClassF1(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return PerClassF1(matrix.Counts);
    }

    private static double MacroMean(IReadOnlyList<IReadOnlyList<double>> counts, double[] perClass)
    {
        double sum = 0;
        int present = 0;
        for (int k = 0; k < perClass.Length; k++)
        {
            if (counts[k].Sum() + PredictedTotal(counts, k) == 0)
                continue;
            sum += perClass[k];
            present++;
        }
        return present == 0 ? 0 : sum / present;
    }

    private static double PredictedTotal(IReadOnlyList<IReadOnlyList<double>> counts, int predicted)
    {
        double total = 0;
        foreach (var row in counts)
            total += row[predicted];
        return total;
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;

    private static int Validate(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var row in counts)
        {
            if (row is null || row.Count != counts.Count)
                throw new ArgumentException($"The confusion matrix must be square ({counts.Count} × {counts.Count}).", nameof(counts));
            foreach (double c in row)
                if (c < 0 || !double.IsFinite(c))
                    throw new ArgumentException($"Confusion matrix counts must be finite and non-negative, got {c}.", nameof(counts));
        }
        return counts.Count;
    }
}

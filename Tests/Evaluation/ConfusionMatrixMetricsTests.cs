using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Evaluation.Metrics;

namespace MLExt.Tests.Evaluation;

public class ConfusionMatrixMetricsTests
{
    // Rows are actual classes, columns predicted ones (ML.NET's layout).
    private static readonly double[][] Counts =
    [
        [5, 1, 0],
        [2, 3, 1],
        [0, 0, 4],
    ];

    [Fact]
    public void PerClassFiguresMatchHandComputation()
    {
        // Class 0: TP 5, predicted 7, actual 6. Class 1: TP 3, predicted 4, actual 6. Class 2: TP 4, predicted 5, actual 4.
        Assert.Equal([5.0 / 7, 3.0 / 4, 4.0 / 5], ConfusionMatrixMetrics.PerClassPrecision(Counts), Tolerance);
        Assert.Equal([5.0 / 6, 3.0 / 6, 1.0], ConfusionMatrixMetrics.PerClassRecall(Counts), Tolerance);
        // F1 = 2TP / (2TP + FP + FN): 10/13, 6/10, 8/9.
        Assert.Equal([10.0 / 13, 6.0 / 10, 8.0 / 9], ConfusionMatrixMetrics.PerClassF1(Counts), Tolerance);
    }

    [Fact]
    public void MacroAveragesAreUnweightedMeansOverClasses()
    {
        Assert.Equal((10.0 / 13 + 0.6 + 8.0 / 9) / 3, ConfusionMatrixMetrics.MacroF1(Counts), 12);
        Assert.Equal((5.0 / 7 + 0.75 + 0.8) / 3, ConfusionMatrixMetrics.MacroPrecision(Counts), 12);
        Assert.Equal((5.0 / 6 + 0.5 + 1.0) / 3, ConfusionMatrixMetrics.MacroRecall(Counts), 12);
    }

    [Fact]
    public void ClassAbsentFromActualAndPredictedIsLeftOutOfTheMacroMean()
    {
        double[][] withEmptyClass =
        [
            [5, 1, 0, 0],
            [2, 3, 1, 0],
            [0, 0, 4, 0],
            [0, 0, 0, 0],
        ];
        Assert.Equal(ConfusionMatrixMetrics.MacroF1(Counts), ConfusionMatrixMetrics.MacroF1(withEmptyClass), 12);
        Assert.Equal(0, ConfusionMatrixMetrics.PerClassF1(withEmptyClass)[3]);
    }

    [Fact]
    public void ClassNeverPredictedHasZeroPrecisionAndF1()
    {
        double[][] counts = [[3, 0], [2, 0]];
        Assert.Equal([0.6, 0], ConfusionMatrixMetrics.PerClassPrecision(counts), Tolerance);
        Assert.Equal([0.75, 0], ConfusionMatrixMetrics.PerClassF1(counts), Tolerance);
        Assert.Equal(0.375, ConfusionMatrixMetrics.MacroF1(counts), 12);
    }

    [Fact]
    public void RejectsNonSquareMatrix()
    {
        double[][] counts = [[1, 2], [3]];
        Assert.Throws<ArgumentException>(() => ConfusionMatrixMetrics.MacroF1(counts));
    }

    [Fact]
    public void WorksOnMlNetsConfusionMatrix()
    {
        // Predictions reproducing Counts; the evaluator takes the predicted class from the Score's arg max.
        var rows = new List<ScoredRow>();
        for (int actual = 0; actual < 3; actual++)
            for (int predicted = 0; predicted < 3; predicted++)
                for (int n = 0; n < Counts[actual][predicted]; n++)
                    rows.Add(ScoredRow.Create(actual, predicted));
        var ml = new MLContext(seed: 1);
        var metrics = ml.MulticlassClassification.Evaluate(ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(Counts, metrics.ConfusionMatrix.Counts.Select(r => r.ToArray()));
        Assert.Equal(metrics.ConfusionMatrix.PerClassPrecision, ConfusionMatrixMetrics.PerClassPrecision(metrics.ConfusionMatrix.Counts), Tolerance);
        Assert.Equal(metrics.ConfusionMatrix.PerClassRecall, ConfusionMatrixMetrics.PerClassRecall(metrics.ConfusionMatrix.Counts), Tolerance);
        Assert.Equal(ConfusionMatrixMetrics.MacroF1(Counts), ConfusionMatrixMetrics.MacroF1(metrics.ConfusionMatrix), 9);
        Assert.Equal([10.0 / 13, 6.0 / 10, 8.0 / 9], ConfusionMatrixMetrics.PerClassF1(metrics.ConfusionMatrix), Tolerance);
    }

    private static readonly IEqualityComparer<double> Tolerance =
        EqualityComparer<double>.Create((a, b) => Math.Abs(a - b) < 1e-9, v => 0);

    private sealed class ScoredRow
    {
        [KeyType(3)] public uint Label { get; set; }
        [VectorType(3)] public float[] Score { get; set; } = [];
        [KeyType(3)] public uint PredictedLabel { get; set; }

        public static ScoredRow Create(int actual, int predicted)
        {
            var score = new float[3];
            Array.Fill(score, 0.1f);
            score[predicted] = 0.8f;
            // Key-typed uint members of a LoadFromEnumerable row reach the evaluator as 0-based class indices.
            return new ScoredRow { Label = (uint)actual, Score = score, PredictedLabel = (uint)predicted };
        }
    }
}

using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Metrics;

namespace MLExt.Tests.Evaluation;

/// <summary>Binary metrics on cases small enough to work out by hand.</summary>
public sealed class BinaryMetricsTests
{
    // Scores 0.8, 0.6, 0.4, 0.2 with labels +, −, +, −.
    private static readonly double[] Scores = [0.8, 0.6, 0.4, 0.2];
    private static readonly bool[] Labels = [true, false, true, false];

    [Fact]
    public void RocPointsAndAreaMatchHandComputation()
    {
        var roc = RocCurve.Compute(Scores, Labels);
        // Pairs (+, −): 0.8>0.6, 0.8>0.2, 0.4<0.6, 0.4>0.2 → 3 of 4.
        Assert.Equal(0.75, roc.Area, 12);
        Assert.Equal(
            [new(0, 0, 0.8), new(0, 0.5, 0.6), new(0.5, 0.5, 0.4), new(0.5, 1, 0.2), new RocPoint(1, 1, double.NegativeInfinity)],
            roc.Points);
    }

    [Fact]
    public void TiedScoresBetweenClassesCountOneHalf()
    {
        // Positives {0.9, 0.5, 0.3}, negatives {0.9, 0.3}: pairs 0.5 + 1 + 0 + 1 + 0 + 0.5 = 3 of 6.
        var roc = RocCurve.Compute([0.9, 0.9, 0.5, 0.3, 0.3], [true, false, true, false, true]);
        Assert.Equal(0.5, roc.Area, 12);
        // Ties enter together: 4 points (three distinct scores, and the start).
        Assert.Equal(4, roc.Points.Count);
        Assert.Equal(new RocPoint(0.5, 1.0 / 3, 0.5), roc.Points[1]);
    }

    [Fact]
    public void AreaDoesNotDependOnRowOrder()
    {
        var a = RocCurve.Compute([0.9, 0.9, 0.5, 0.3, 0.3], [true, false, true, false, true]);
        var b = RocCurve.Compute([0.3, 0.9, 0.3, 0.5, 0.9], [true, true, false, true, false]);
        Assert.Equal(a.Area, b.Area, 15);
    }

    [Fact]
    public void AveragePrecisionAndMlNetAuprcMatchHandComputation()
    {
        var pr = PrecisionRecallCurve.Compute(Scores, Labels);
        // Points (R, P): (.5, 1), (.5, .5), (1, 2/3), (1, .5). AP = .5·1 + .5·(2/3).
        Assert.Equal(0.5 + 0.5 * 2 / 3.0, pr.AveragePrecision, 12);
        // Lower trapezoid: .5·(1 + 1)/2 + .5·(.5 + 2/3)/2.
        Assert.Equal(0.5 + 0.5 * (0.5 + 2 / 3.0) / 2, pr.AreaUnderCurve, 12);
        Assert.Equal(new PrecisionRecallPoint(1, 2 / 3.0, 0.2), pr.Points[2]);
    }

    [Fact]
    public void ConfusionMetricsMatchHandComputation()
    {
        var evaluation = BinaryEvaluator.Evaluate(new BinaryPredictions(Labels, Scores, []), new BinaryEvaluationOptions { Threshold = 0.3 });
        var c = evaluation.Confusion;
        Assert.Equal(new BinaryConfusion(TruePositives: 2, FalsePositives: 1, TrueNegatives: 1, FalseNegatives: 0), c);
        Assert.Equal(0.75, c.Accuracy, 12);
        Assert.Equal(2 / 3.0, c.Precision, 12);
        Assert.Equal(1.0, c.Recall, 12);
        Assert.Equal(0.5, c.Specificity, 12);
        Assert.Equal(0.75, c.BalancedAccuracy, 12);
        Assert.Equal(0.8, c.F1, 12);
        Assert.Equal(10 / 11.0, c.FBeta(2), 12); // 5·(2/3)·1 / (4·(2/3) + 1)
        Assert.Equal(2 / Math.Sqrt(12), c.MatthewsCorrelation, 12); // (2·1 − 1·0)/√(3·2·2·1)
        Assert.Equal(1.0, c.NegativePrecision, 12);
        Assert.Equal(0.5, c.YoudenJ, 12);
    }

    [Fact]
    public void ProbabilityMetricsMatchHandComputation()
    {
        var evaluation = BinaryEvaluator.Evaluate(new BinaryPredictions(Labels, Scores, Scores), new BinaryEvaluationOptions { CalibrationBins = 2 });
        double logLoss = -(Math.Log2(0.8) + Math.Log2(1 - 0.6) + Math.Log2(0.4) + Math.Log2(1 - 0.2)) / 4;
        Assert.Equal(logLoss, evaluation.LogLoss, 12);
        Assert.Equal((1 - logLoss) / 1, evaluation.LogLossReduction, 12); // the prior .5 has entropy 1 bit
        Assert.Equal((0.04 + 0.36 + 0.36 + 0.04) / 4, evaluation.BrierScore, 12);
        // Bins [0, .5): {.4+, .2−} → mean .3, fraction .5; [.5, 1]: {.8+, .6−} → mean .7, fraction .5.
        var bins = evaluation.Calibration.Bins;
        Assert.Equal(2, bins[0].Count);
        Assert.Equal(0.3, bins[0].MeanPredicted, 12);
        Assert.Equal(0.5, bins[0].FractionPositive, 12);
        Assert.Equal(0.7, bins[1].MeanPredicted, 12);
        Assert.Equal(0.2, evaluation.Calibration.ExpectedCalibrationError, 12);
    }

    [Fact]
    public void BestThresholdsMatchHandComputation()
    {
        var analysis = ThresholdAnalysis.Compute(Scores, Labels);
        // F1 by threshold: .8 → 0, .6 → 2/3, .4 → .5, .2 → .8, −∞ → 2/3.
        Assert.Equal(0.2, analysis.BestByF1!.Threshold);
        Assert.Equal(0.8, analysis.BestByF1.Confusion.F1, 12);
        // J: .6 → .5 and .2 → .5; the tie goes to the higher threshold.
        Assert.Equal(0.6, analysis.BestByYoudenJ!.Threshold);
        // Cost FP 1, FN 5: .8 → 10, .6 → 5, .4 → 6, .2 → 1, −∞ → 2.
        var cheapest = analysis.Best(ThresholdCriterion.Cost, falsePositiveCost: 1, falseNegativeCost: 5)!;
        Assert.Equal(0.2, cheapest.Threshold);
        Assert.Equal(1.0, cheapest.Confusion.Cost(1, 5));
        // FP 10, FN 5: .8 → 10, .6 → 5, .4 → 15, .2 → 10, −∞ → 20.
        Assert.Equal(0.6, analysis.Best(ThresholdCriterion.Cost, falsePositiveCost: 10, falseNegativeCost: 5)!.Threshold);
    }

    [Fact]
    public void ThresholdFromAnalysisReproducesItsCountsInTheEvaluator()
    {
        var analysis = ThresholdAnalysis.Compute(Scores, Labels);
        foreach (var point in analysis.Points)
        {
            var evaluation = BinaryEvaluator.Evaluate(new BinaryPredictions(Labels, Scores, []), new BinaryEvaluationOptions { Threshold = point.Threshold });
            Assert.Equal(point.Confusion, evaluation.Confusion);
        }
    }

    [Fact]
    public void SingleClassLabelGivesNaNWithReason()
    {
        var evaluation = BinaryEvaluator.Evaluate(new BinaryPredictions([true, true, true], [0.1, 0.5, 0.9], [0.1, 0.5, 0.9]));
        var auc = evaluation.Metrics.Single(m => m.Name == MetricNames.Auc);
        Assert.True(double.IsNaN(auc.Value));
        Assert.Contains("single-class", auc.Reason);
        Assert.Empty(evaluation.Roc.Points);
        var balanced = evaluation.Metrics.Single(m => m.Name == MetricNames.BalancedAccuracy);
        Assert.True(double.IsNaN(balanced.Value));
        Assert.NotNull(balanced.Reason);
        Assert.True(double.IsNaN(evaluation.LogLossReduction));
        Assert.Equal(1.0, evaluation.AveragePrecision, 12); // every row positive: precision 1 everywhere
    }

    [Fact]
    public void EveryMetricNamesAReasonWhenNaN()
    {
        var evaluation = BinaryEvaluator.Evaluate(new BinaryPredictions([], [], []));
        Assert.All(evaluation.Metrics, m =>
        {
            Assert.True(double.IsNaN(m.Value) || m.Value == 0, $"{m.Name} = {m.Value}");
            if (double.IsNaN(m.Value))
                Assert.False(string.IsNullOrWhiteSpace(m.Reason), m.Name);
        });
    }

    [Fact]
    public void NonFiniteScoreInArraysIsRejectedWithItsRow()
    {
        var error = Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.1, double.NaN], [true, false]));
        Assert.Contains("Score 1", error.Message);
    }

    [Fact]
    public void ThresholdOnProbabilityUsesProbabilityColumn()
    {
        double[] probabilities = [0.9, 0.2, 0.7, 0.6];
        var evaluation = BinaryEvaluator.Evaluate(new BinaryPredictions(Labels, Scores, probabilities),
            new BinaryEvaluationOptions { UseRawScoreThreshold = false, Threshold = 0.65 });
        // Positive when p > .65: rows 0 (+) and 2 (+).
        Assert.Equal(new BinaryConfusion(2, 0, 2, 0), evaluation.Confusion);
        Assert.Equal(0.6, evaluation.Thresholds.BestByF1!.Threshold); // p > .6 → rows 0, 2: F1 1
    }
}

using MLExt.Evaluation.Metrics;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;

namespace MLExt.Tests.Evaluation;

/// <summary>Multiclass and regression metrics on cases small enough to work out by hand.</summary>
public sealed class MulticlassAndRegressionMetricsTests
{
    private static MulticlassPredictions FiveRows() => new(
        [0, 0, 1, 2, 2],
        [[.7, .2, .1], [.3, .4, .3], [.1, .8, .1], [.2, .2, .6], [.5, .1, .4]],
        ["a", "b", "c"]);

    [Fact]
    public void MulticlassMetricsMatchHandComputation()
    {
        var e = MulticlassEvaluator.Evaluate(FiveRows());
        // Predictions 0, 1, 1, 2, 0: rows of the confusion matrix [1 1 0], [0 1 0], [1 0 1].
        Assert.Equal([1.0, 1, 0], e.ConfusionMatrix.Counts[0]);
        Assert.Equal([1.0, 0, 1], e.ConfusionMatrix.Counts[2]);
        Assert.Equal(0.6, e.MicroAccuracy, 12);
        Assert.Equal((0.5 + 1 + 0.5) / 3, e.MacroAccuracy, 12);
        // Precision .5, .5, 1; recall .5, 1, .5; F1 .5, 2/3, 2/3.
        Assert.Equal([0.5, 0.5, 1.0], e.Classes.Select(c => c.Precision), new Tol());
        Assert.Equal([0.5, 2 / 3.0, 2 / 3.0], e.Classes.Select(c => c.F1), new Tol());
        Assert.Equal([2L, 1, 2], e.Classes.Select(c => c.Support));
        Assert.Equal((0.5 + 4 / 3.0) / 3, e.MacroF1, 12);
        Assert.Equal((2 * 0.5 + 2 / 3.0 + 2 * 2 / 3.0) / 5, Get(e, MetricNames.WeightedF1), 12);
        double logLoss = -(Math.Log(.7) + Math.Log(.3) + Math.Log(.8) + Math.Log(.6) + Math.Log(.4)) / 5;
        Assert.Equal(logLoss, e.LogLoss, 12);
        double prior = -(0.4 * Math.Log(0.4) + 0.2 * Math.Log(0.2) + 0.4 * Math.Log(0.4));
        Assert.Equal((prior - logLoss) / prior, e.LogLossReduction, 12);
        // Ranks of the true class: 0, 1, 0, 0, 1.
        Assert.Equal([0.6, 1.0, 1.0], e.TopKAccuracy, new Tol());
        // Class a one-vs-rest: positives {.7, .3}, negatives {.1, .2, .5}: pairs 3 + 2 = 5 of 6.
        Assert.Equal(5 / 6.0, e.Classes[0].Auc, 12);
        Assert.Equal(-(Math.Log(.7) + Math.Log(.3)) / 2, e.Classes[0].LogLoss, 12);
    }

    [Fact]
    public void TiedScoresPredictTheFirstClassAndRankLikeMlNet()
    {
        var e = MulticlassEvaluator.Evaluate(new MulticlassPredictions([1], [[.5, .5, 0]], ["a", "b", "c"]));
        Assert.Equal(1.0, e.ConfusionMatrix.Counts[1][0]);
        Assert.Equal([0.0, 1, 1], e.TopKAccuracy, new Tol());
    }

    [Fact]
    public void RowNormalizedConfusionDividesByClassSupport()
    {
        var normalized = MulticlassEvaluator.Evaluate(FiveRows()).ConfusionMatrix.RowNormalized();
        Assert.Equal([0.5, 0.5, 0.0], normalized[0], new Tol());
    }

    [Fact]
    public void ProbabilityZeroForTheTrueClassIsClippedAt1e15()
    {
        var e = MulticlassEvaluator.Evaluate(new MulticlassPredictions([0, 1], [[0, 1], [0, 1]], ["a", "b"]));
        Assert.Equal(-Math.Log(1e-15f) / 2, e.LogLoss, 9);
    }

    [Fact]
    public void AbsentClassGivesNaNAucWithoutSpoilingTheMacroAverage()
    {
        var e = MulticlassEvaluator.Evaluate(new MulticlassPredictions([0, 1, 0, 1], [[.9, .1, 0], [.2, .8, 0], [.6, .4, 0], [.3, .7, 0]], ["a", "b", "c"]));
        Assert.True(double.IsNaN(e.Classes[2].Auc));
        Assert.Equal(1.0, Get(e, MetricNames.MacroAuc), 12);
        Assert.Equal(1.0, e.MacroF1, 12); // class c is neither label nor prediction: left out of the mean
    }

    [Fact]
    public void RegressionMetricsMatchHandComputation()
    {
        var e = RegressionEvaluator.Evaluate(new RegressionPredictions([1, 2, 3, 4], [1.5, 2, 2, 5]));
        // Residuals −.5, 0, 1, −1.
        Assert.Equal(0.5625, e.MeanSquaredError, 12);
        Assert.Equal(0.75, e.RootMeanSquaredError, 12);
        Assert.Equal(0.625, e.MeanAbsoluteError, 12);
        Assert.Equal(0.75, e.MedianAbsoluteError, 12);
        Assert.Equal(1 - 2.25 / 5, e.RSquared, 12); // SST = 5
        Assert.Equal(1 - 2.1875 / 5, e.ExplainedVariance, 12); // residual mean −1/8
        Assert.Equal(-1.0, e.Predictions.Residual(3));
    }

    [Fact]
    public void ConstantLabelsMakeRSquaredNaNWithReason()
    {
        var e = RegressionEvaluator.Evaluate(new RegressionPredictions([2, 2, 2], [1, 2, 3]));
        var r2 = e.Metrics.Single(m => m.Name == MetricNames.RSquared);
        Assert.True(double.IsNaN(r2.Value));
        Assert.Contains("same value", r2.Reason);
        Assert.Equal(2 / 3.0, e.MeanSquaredError, 12);
    }

    [Fact]
    public void PoolingFoldsThatKnewDifferentClassesUnitesThemByName()
    {
        var first = new MulticlassPredictions([0, 1], [[.8, .2], [.3, .7]], ["a", "b"]);
        var second = new MulticlassPredictions([0, 1], [[.6, .4], [.1, .9]], ["a", "c"]);
        var pooled = first.Concat(second);
        Assert.Equal(["a", "b", "c"], pooled.ClassNames);
        Assert.Equal([0, 1, 0, 2], pooled.Labels);
        Assert.Equal([.1, 0, .9], pooled.Scores[3]);
        Assert.Equal(1.0, MulticlassEvaluator.Evaluate(pooled).MicroAccuracy, 12);
    }

    private static double Get(MulticlassEvaluation e, string name) => e.Metrics.Single(m => m.Name == name).Value;

    private sealed class Tol : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-12;
        public int GetHashCode(double obj) => 0;
    }
}

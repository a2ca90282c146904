using MLExt.AutoML;
using MLExt.Evaluation;

namespace MLExt.Tests.AutoML.Ensembles;

/// <summary>Greedy ensemble selection with replacement (Caruana et al. 2004).</summary>
public sealed class EnsembleSelectionTests
{
    private static (float[] Labels, float[][] Over, float[][] Under, float[][] Far) Regression()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 200).Select(_ => (float)random.NextDouble() * 10).ToArray();
        var noise = labels.Select(_ => (float)random.NextDouble() + 0.5f).ToArray();
        return (labels, labels.Select((y, r) => new[] { y + noise[r] }).ToArray(), labels.Select((y, r) => new[] { y - noise[r] }).ToArray(),
            labels.Select((y, r) => new[] { y + 3 * noise[r] }).ToArray());
    }

    [Fact]
    public void ErrorsThatCancelArePickedTogetherAndBeatTheBestSingleTrial()
    {
        var (labels, over, under, far) = Regression();
        var result = EnsembleSelection.Select([(0, far), (1, over), (2, under)], labels, EvaluationTask.Regression, ExperimentMetric.Rmse, size: 6);
        // Over and under err by the same amount in opposite directions: their mean is the label, RMSE 0.
        Assert.Equal([1, 2], result.Members.Select(m => m.TrialId));
        Assert.Equal(result.Members[0].Picks, result.Members[1].Picks);
        Assert.Equal(1.0, result.Members.Sum(m => m.Weight), 12);
        Assert.True(result.Metric < 1e-5, $"ensemble RMSE {result.Metric}");
        Assert.True(result.BestTrialMetric > 0.5, $"best single RMSE {result.BestTrialMetric}");
        Assert.Equal(6, result.Trajectory.Count);
    }

    [Fact]
    public void ASingleGoodTrialStaysAloneAndTheBestPrefixIsKept()
    {
        var (labels, over, _, far) = Regression();
        var result = EnsembleSelection.Select([(4, over), (9, far)], labels, EvaluationTask.Regression, ExperimentMetric.Rmse, size: 3);
        Assert.Equal(4, result.BestTrialId);
        Assert.Equal(result.BestTrialMetric, result.Metric, 9);
        Assert.Equal([4], result.Members.Select(m => m.TrialId));
    }

    [Fact]
    public void PredictionsOfOtherRowsAreRefused()
    {
        var (labels, over, _, _) = Regression();
        var error = Assert.Throws<ArgumentException>(() =>
            EnsembleSelection.Select([(0, over), (1, over[..10])], labels, EvaluationTask.Regression, ExperimentMetric.Rmse, size: 2));
        Assert.Contains("Trial 1", error.Message);
    }
}

using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers;

public sealed class RegressionTrainerTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Conforms() =>
        EstimatorConformance.Check(() => TrainerFactory.Regression(_ml), SyntheticData.Regression(_ml, 300, 1), ["Score"]);

    [Theory]
    [InlineData(RegressionLoss.MeanSquaredError)]
    [InlineData(RegressionLoss.MeanAbsoluteError)]
    [InlineData(RegressionLoss.Huber)]
    public void FitsASmoothFunction(RegressionLoss loss)
    {
        var model = TrainerFactory.Regression(_ml, o => o.Loss = loss).Fit(SyntheticData.Regression(_ml, 600, 1));
        var scored = model.Transform(SyntheticData.Regression(_ml, 300, 2));
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        var metrics = _ml.Regression.Evaluate(scored);
        Assert.True(metrics.RSquared > 0.9, $"R² {metrics.RSquared} with {loss}");
    }

    [Fact]
    public void CrossValidateWorks()
    {
        var folds = _ml.Regression.CrossValidate(SyntheticData.Regression(_ml, 450, 1), TrainerFactory.Regression(_ml), numberOfFolds: 3);
        Assert.Equal(3, folds.Count);
        Assert.All(folds, f => Assert.True(f.Metrics.RSquared > 0.8, $"fold R² {f.Metrics.RSquared}"));
    }
}

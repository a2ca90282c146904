using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers;

public sealed class BinaryTrainerTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Conforms() =>
        EstimatorConformance.Check(() => TrainerFactory.Binary(_ml), SyntheticData.Binary(_ml, 300, 1), ["Score", "Probability", "PredictedLabel"]);

    private sealed class Scored
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void ScoreIsALogitProbabilityItsSigmoidAndTheLabelItsSign()
    {
        var data = SyntheticData.Binary(_ml, 300, 1);
        var scored = TrainerFactory.Binary(_ml).Fit(data).Transform(data);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var rows = _ml.Data.CreateEnumerable<Scored>(scored, reuseRowObject: false).ToList();
        Assert.Contains(rows, r => r.Score > 1f);
        Assert.Contains(rows, r => r.Score < -1f);
        foreach (var r in rows)
        {
            Assert.Equal(1.0 / (1.0 + Math.Exp(-r.Score)), r.Probability, 5);
            Assert.Equal(r.Score > 0, r.PredictedLabel);
        }
    }

    [Fact]
    public void EvaluateAndCrossValidateWork()
    {
        var model = TrainerFactory.Binary(_ml).Fit(SyntheticData.Binary(_ml, 600, 1));
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(SyntheticData.Binary(_ml, 300, 2)));
        Assert.True(metrics.AreaUnderRocCurve > 0.95, $"AUC {metrics.AreaUnderRocCurve}");
        Assert.True(metrics.Accuracy > 0.9, $"accuracy {metrics.Accuracy}");
        var folds = _ml.BinaryClassification.CrossValidate(SyntheticData.Binary(_ml, 600, 1), TrainerFactory.Binary(_ml), numberOfFolds: 3);
        Assert.All(folds, f => Assert.True(f.Metrics.AreaUnderRocCurve > 0.9));
    }
}

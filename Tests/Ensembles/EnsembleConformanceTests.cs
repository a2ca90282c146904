using MLExt.Tests.Trainers;
using MLExt.Trainers;
using MLExt.Trainers.Ensembles;
using Microsoft.ML;

namespace MLExt.Tests.Ensembles;

/// <summary>Every ensemble through the estimator conformance harness (schema promised = delivered, same seed, row mapping, missing features).</summary>
public sealed class EnsembleConformanceTests
{
    [Fact]
    public void SoftVotingBinary() => EstimatorConformance.Check(() =>
    {
        var ml = new MLContext(1);
        return ml.BinaryClassification.Trainers.Voting(EnsembleFixtures.BinaryMembers(ml));
    }, SyntheticData.Binary(new MLContext(1), 150, 1), ["Score", "Probability", "PredictedLabel"]);

    [Fact]
    public void HardVotingMulticlass() => EstimatorConformance.Check(() =>
    {
        var ml = new MLContext(1);
        return ml.MulticlassClassification.Trainers.Voting(EnsembleFixtures.MulticlassMembers(ml), EnsembleVoting.Hard);
    }, SyntheticData.Multiclass(new MLContext(1), 150, 1), ["Score", "PredictedLabel"]);

    [Fact]
    public void AveragingRegression() => EstimatorConformance.Check(() =>
    {
        var ml = new MLContext(1);
        return ml.Regression.Trainers.Averaging(EnsembleFixtures.RegressionMembers(ml), weights: [1f, 3f]);
    }, SyntheticData.Regression(new MLContext(1), 150, 1), ["Score"]);

    [Fact]
    public void StackingMulticlass() => EstimatorConformance.Check(() =>
    {
        var ml = new MLContext(1);
        return ml.MulticlassClassification.Trainers.Stacking(EnsembleFixtures.MulticlassMembers(ml),
            ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), passThrough: true, numberOfFolds: 3);
    }, SyntheticData.Multiclass(new MLContext(1), 150, 1), ["Score", "PredictedLabel"]);

    [Fact]
    public void StackingRegression() => EstimatorConformance.Check(() =>
    {
        var ml = new MLContext(1);
        return ml.Regression.Trainers.Stacking(EnsembleFixtures.RegressionMembers(ml), ml.Regression.Trainers.Sdca(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options { NumberOfThreads = 1 }), numberOfFolds: 3);
    }, SyntheticData.Regression(new MLContext(1), 150, 1), ["Score"]);
}

using MLExt.Tests.Trainers;
using MLExt.Trainers;
using MLExt.Trainers.Ensembles;
using Microsoft.ML;

namespace MLExt.Tests.Ensembles;

/// <summary>Bad ensembles fail before any member trains, with a message naming the member or option.</summary>
public sealed class EnsembleBadInputTests
{
    /// <summary>A member that fails the test if anything trains it.</summary>
    private sealed class MustNotTrain(IEstimator<ITransformer> inner) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => throw new Xunit.Sdk.XunitException("A member was trained before the ensemble's checks.");

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inner.GetOutputSchema(inputSchema);
    }

    private static readonly MLContext Ml = new(1);

    [Fact]
    public void AnEnsembleOfOneIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Ml.BinaryClassification.Trainers.Voting([Ml.BinaryClassification.Trainers.LbfgsLogisticRegression()]).Fit(SyntheticData.Binary(Ml, 30, 1)));
        Assert.Contains("Members: an ensemble needs at least 2 members, got 1", error.Message);
    }

    [Fact]
    public void AMemberOfAnotherTaskIsNamed()
    {
        var data = SyntheticData.Binary(Ml, 30, 1);
        var members = new IEstimator<ITransformer>[]
        {
            new MustNotTrain(Ml.BinaryClassification.Trainers.LbfgsLogisticRegression()),
            new MustNotTrain(Ml.Transforms.Conversion.ConvertType("Target", "Label", Microsoft.ML.Data.DataKind.Single)
                .Append(Ml.Regression.Trainers.Sdca(labelColumnName: "Target"))),
        };
        var error = Assert.Throws<ArgumentException>(() => Ml.BinaryClassification.Trainers.Voting(new VotingEnsembleEstimator.Options
        {
            Members = members, MemberNames = ["logistic", "sdca-regression"],
        }).Fit(data));
        Assert.Contains("sdca-regression", error.Message);
        Assert.Contains("predicts regression", error.Message);
    }

    [Fact]
    public void AMemberOnAnotherLabelIsNamed()
    {
        var data = Ml.Transforms.CopyColumns("Other", "Label").Fit(SyntheticData.Binary(Ml, 30, 1)).Transform(SyntheticData.Binary(Ml, 30, 1));
        var error = Assert.Throws<ArgumentException>(() => Ml.BinaryClassification.Trainers.Voting(
        [
            new MustNotTrain(Ml.BinaryClassification.Trainers.LbfgsLogisticRegression()),
            TrainerFactory.Binary(Ml, o => o.LabelColumnName = "Other"),
        ]).Fit(data));
        Assert.Contains("member 2 (NeuralNetworkBinaryTrainer) trains on label column 'Other'", error.Message);
    }

    [Fact]
    public void AMetaLearnerNeedingAnotherLabelKindIsNamedBeforeAnyTraining()
    {
        var data = SyntheticData.Binary(Ml, 30, 1);
        var error = Assert.Throws<ArgumentException>(() => Ml.BinaryClassification.Trainers.Stacking(
            [new MustNotTrain(Ml.BinaryClassification.Trainers.LbfgsLogisticRegression()), new MustNotTrain(Ml.BinaryClassification.Trainers.LbfgsLogisticRegression())],
            Ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).Fit(data));
        Assert.StartsWith("MetaLearner (LbfgsMaximumEntropyMulticlassTrainer)", error.Message);
        Assert.Contains("'Label'", error.Message);
    }

    [Fact]
    public void HardVotingForRegressionAndBadWeightsNameTheOption()
    {
        var data = SyntheticData.Regression(Ml, 30, 1);
        IEstimator<ITransformer>[] members = [new MustNotTrain(Ml.Regression.Trainers.Sdca()), new MustNotTrain(Ml.Regression.Trainers.Sdca())];
        var hard = Assert.Throws<ArgumentException>(() => Ml.Regression.Trainers.Averaging(new VotingEnsembleEstimator.Options { Members = members, Voting = EnsembleVoting.Hard }).Fit(data));
        Assert.StartsWith("Voting:", hard.Message);
        var weights = Assert.Throws<ArgumentException>(() => Ml.Regression.Trainers.Averaging(members, weights: [1f]).Fit(data));
        Assert.Equal("Weights", weights.ParamName);
        var negative = Assert.ThrowsAny<ArgumentException>(() => Ml.Regression.Trainers.Averaging(members, weights: [1f, -1f]).Fit(data));
        Assert.Contains("the weight of member 2 (MustNotTrain)", negative.Message);
        var stratified = Assert.Throws<ArgumentException>(() => Ml.Regression.Trainers.Stacking(new StackingEnsembleEstimator.Options
        {
            Members = members, MetaLearner = Ml.Regression.Trainers.Sdca(), FoldStrategy = MLExt.Evaluation.CrossValidation.FoldStrategy.Stratified,
        }).Fit(data));
        Assert.StartsWith("FoldStrategy:", stratified.Message);
    }

    [Fact]
    public void SoftVotingOverAnUncalibratedMemberSaysToUseHardVoting()
    {
        var data = SyntheticData.Binary(Ml, 60, 1);
        var error = Assert.Throws<ArgumentException>(() => Ml.BinaryClassification.Trainers.Voting(
            [Ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), Ml.BinaryClassification.Trainers.AveragedPerceptron()]).Fit(data));
        Assert.Contains("member 2 (AveragedPerceptronTrainer) outputs no Probability", error.Message);
        Assert.Contains("Voting = Hard", error.Message);
    }
}

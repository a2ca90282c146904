using MLExt.Evaluation;
using MLExt.Evaluation.CrossValidation;
using MLExt.Tests.Trainers;
using MLExt.Trainers;
using MLExt.Trainers.Ensembles;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Ensembles;

/// <summary>What an ensemble computes, checked against its fitted members' own outputs.</summary>
public sealed class EnsembleCombinationTests
{
    private const float Tolerance = 1e-5f;

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1f, Math.Abs(expected[i])), $"value {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void SoftVotingIsTheWeightedMeanProbabilityAndScoreItsLogit()
    {
        var ml = new MLContext(1);
        var data = SyntheticData.Binary(ml, 200, 3);
        float[] weights = [2f, 1f, 1f];
        using var model = ml.BinaryClassification.Trainers.Voting(EnsembleFixtures.BinaryMembers(ml), weights: weights).Fit(data);
        var scored = model.Transform(data);
        var members = model.Members.Select(m => EnsembleFixtures.Floats(m.Transform(data), "Probability")).ToArray();
        var expected = Enumerable.Range(0, members[0].Length).Select(r => (2 * members[0][r] + members[1][r] + members[2][r]) / 4).ToArray();
        AssertClose(expected, EnsembleFixtures.Floats(scored, "Probability"));
        var logits = expected.Select(p => MathF.Log(p / (1 - p))).ToArray();
        var score = EnsembleFixtures.Floats(scored, "Score");
        for (int r = 0; r < logits.Length; r++)
            if (expected[r] is > 1e-4f and < 1 - 1e-4f) Assert.True(Math.Abs(logits[r] - score[r]) < 1e-3f, $"row {r}: logit {logits[r]}, Score {score[r]}");
        Assert.Equal(expected.Select(p => p > 0.5f), scored.GetColumn<bool>("PredictedLabel"));
        Assert.Equal([0.5f, 0.25f, 0.25f], model.Weights!);
    }

    [Fact]
    public void HardVotingBinaryIsTheShareOfVotes()
    {
        var ml = new MLContext(1);
        var data = SyntheticData.Binary(ml, 200, 3);
        using var model = ml.BinaryClassification.Trainers.Voting(EnsembleFixtures.BinaryMembers(ml), EnsembleVoting.Hard).Fit(data);
        var votes = model.Members.Select(m => m.Transform(data).GetColumn<bool>("PredictedLabel").ToArray()).ToArray();
        var share = Enumerable.Range(0, votes[0].Length).Select(r => votes.Count(v => v[r]) / 3f).ToArray();
        var probability = EnsembleFixtures.Floats(model.Transform(data), "Probability");
        for (int r = 0; r < share.Length; r++)
            Assert.True(Math.Abs(Math.Clamp(share[r], 1e-6f, 1 - 1e-6f) - probability[r]) < 1e-5f, $"row {r}: share {share[r]}, Probability {probability[r]}");
        Assert.Equal(share.Select(s => s > 0.5f), model.Transform(data).GetColumn<bool>("PredictedLabel"));
    }

    [Fact]
    public void MulticlassSoftVotingAveragesClassProbabilitiesAndKeepsSlotNamesAndKeys()
    {
        var ml = new MLContext(1);
        var data = SyntheticData.Multiclass(ml, 180, 3);
        using var model = ml.MulticlassClassification.Trainers.Voting(EnsembleFixtures.MulticlassMembers(ml)).Fit(data);
        var scored = model.Transform(data);
        var members = model.Members.Select(m => EnsembleFixtures.Floats(m.Transform(data), "Score")).ToArray();
        AssertClose(members[0].Zip(members[1], (a, b) => (a + b) / 2).ToArray(), EnsembleFixtures.Floats(scored, "Score"));
        VBuffer<ReadOnlyMemory<char>> slots = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        Assert.Equal(["a", "b", "c"], slots.DenseValues().Select(s => s.ToString()));
        Assert.Equal(data.Schema["Label"].Type, scored.Schema["PredictedLabel"].Type);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.True(metrics.MacroAccuracy > 0.85, $"macro accuracy {metrics.MacroAccuracy}");
        // Only the standard columns are added: the members' own columns and the ensemble's working columns are gone.
        Assert.Equal(data.Schema.Where(c => !c.IsHidden).Select(c => c.Name).Concat(["Score", "PredictedLabel"]),
            scored.Schema.Where(c => !c.IsHidden).Select(c => c.Name));
    }

    [Fact]
    public void AveragingIsTheWeightedMeanScore()
    {
        var ml = new MLContext(1);
        var data = SyntheticData.Regression(ml, 200, 3);
        using var model = ml.Regression.Trainers.Averaging(EnsembleFixtures.RegressionMembers(ml), weights: [1f, 3f]).Fit(data);
        var members = model.Members.Select(m => EnsembleFixtures.Floats(m.Transform(data), "Score")).ToArray();
        AssertClose(members[0].Zip(members[1], (a, b) => 0.25f * a + 0.75f * b).ToArray(), EnsembleFixtures.Floats(model.Transform(data), "Score"));
    }

    [Fact]
    public void StackingTrainsTheMetaLearnerOnOutOfFoldPredictionsFromCrossValidationFolds()
    {
        var ml = new MLContext(1);
        var data = SyntheticData.Binary(ml, 150, 4);
        IEstimator<ITransformer>[] Members() => [ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            ml.Transforms.NormalizeMinMax("Features").Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l2Regularization: 10f))];
        var meta = ml.BinaryClassification.Trainers.LbfgsLogisticRegression();
        using var model = ml.BinaryClassification.Trainers.Stacking(new StackingEnsembleEstimator.Options
        {
            Members = Members(), MetaLearner = meta, NumberOfFolds = 3, Seed = 7, LabelColumnName = "Label",
        }).Fit(data);

        // By hand: the same folds, members trained on the other folds, their probabilities as the meta-learner's features.
        var folds = CrossValidationFolds.Assign(data, new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, NumberOfFolds = 3, Seed = 7 });
        var outOfFold = new float[folds.Length][];
        for (int f = 0; f < 3; f++)
        {
            var train = CrossValidationFolds.Rows(data, folds, f, test: false);
            var test = CrossValidationFolds.Rows(data, folds, f, test: true);
            var probabilities = Members().Select(m => EnsembleFixtures.Floats(m.Fit(train).Transform(test), "Probability")).ToArray();
            var rows = Enumerable.Range(0, folds.Length).Where(r => folds[r] == f).ToArray();
            for (int i = 0; i < rows.Length; i++) outOfFold[rows[i]] = [probabilities[0][i], probabilities[1][i]];
        }
        var labels = data.GetColumn<bool>("Label").ToArray();
        var metaData = ml.Data.LoadFromEnumerable(outOfFold.Select((x, r) => new MetaRow { Features = x, Label = labels[r] }));
        var byHand = meta.Fit(metaData);
        var full = Members().Select(m => EnsembleFixtures.Floats(m.Fit(data).Transform(data), "Probability")).ToArray();
        var stackedRows = ml.Data.LoadFromEnumerable(full[0].Select((p, r) => new MetaRow { Features = [p, full[1][r]], Label = labels[r] }));
        AssertClose(EnsembleFixtures.Floats(byHand.Transform(stackedRows), "Score"), EnsembleFixtures.Floats(model.Transform(data), "Score"));
        Assert.NotNull(model.MetaModel);
        Assert.Equal("stacking", model.Method);
    }

    private sealed class MetaRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    [Fact]
    public void MlNetCrossValidateRunsOnAnEnsemble()
    {
        var ml = new MLContext(1);
        var data = SyntheticData.Binary(ml, 150, 5);
        var results = ml.BinaryClassification.CrossValidate(data, ml.BinaryClassification.Trainers.Voting(EnsembleFixtures.BinaryMembers(ml)), numberOfFolds: 3);
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.Metrics.AreaUnderRocCurve > 0.9, $"AUC {r.Metrics.AreaUnderRocCurve}"));
        var regression = ml.Regression.CrossValidate(SyntheticData.Regression(ml, 150, 5),
            ml.Regression.Trainers.Stacking(EnsembleFixtures.RegressionMembers(ml), ml.Regression.Trainers.Sdca(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options { NumberOfThreads = 1 }), numberOfFolds: 2), numberOfFolds: 2);
        Assert.All(regression, r => Assert.True(double.IsFinite(r.Metrics.RootMeanSquaredError)));
    }
}

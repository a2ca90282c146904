using MLExt.LoadCheck;
using MLExt.Tests.Persistence;
using MLExt.Tests.Trainers;
using MLExt.Trainers;
using Microsoft.ML;

namespace MLExt.Tests.Ensembles;

/// <summary>
/// A saved ensemble is a chain of ML.NET built-ins and its members: it loads in a fresh process that only registers MLExt's
/// assembly (as for a saved network) and scores like the trained one.
/// </summary>
public sealed class EnsembleSaveLoadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-ensemble-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Cases => new() { "voting-multiclass", "voting-binary", "stacking-binary", "averaging-regression" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadedInAnotherProcessTheEnsembleScoresLikeTheTrainedOne(string name)
    {
        var ml = new MLContext(1);
        var (task, train, test, estimator) = name switch
        {
            "voting-multiclass" => ("multiclass", SyntheticData.Multiclass(ml, 150, 1), SyntheticData.Multiclass(ml, 60, 2),
                (IEstimator<ITransformer>)ml.MulticlassClassification.Trainers.Voting(EnsembleFixtures.MulticlassMembers(ml), weights: [1f, 2f])),
            "voting-binary" => ("binary", SyntheticData.Binary(ml, 150, 1), SyntheticData.Binary(ml, 60, 2),
                ml.BinaryClassification.Trainers.Voting(EnsembleFixtures.BinaryMembers(ml))),
            "stacking-binary" => ("binary", SyntheticData.Binary(ml, 150, 1), SyntheticData.Binary(ml, 60, 2),
                ml.BinaryClassification.Trainers.Stacking(EnsembleFixtures.BinaryMembers(ml), ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
                    passThrough: true, numberOfFolds: 3)),
            _ => ("regression", SyntheticData.Regression(ml, 150, 1), SyntheticData.Regression(ml, 60, 2),
                ml.Regression.Trainers.Averaging([TrainerFactory.Regression(ml, o => o.NumberOfEpochs = 4), ml.Regression.Trainers.Sdca()])),
        };
        var model = estimator.Fit(train);
        string modelPath = Path.Combine(_directory, name + ".zip"), dataPath = Path.Combine(_directory, name + ".idv");
        ml.Model.Save(model, train.Schema, modelPath);
        using (var stream = File.Create(dataPath)) ml.Data.SaveAsBinary(test, stream);

        var loaded = LoadCheckProcess.Run(modelPath, dataPath, task);
        var trained = ScoredReport.Create(ml, model.Transform(test), task);
        Assert.Equal(trained.Columns.Select(c => c.ToString()), loaded.Columns.Select(c => c.ToString()));
        foreach (var (column, expected) in trained.Values)
        {
            var actual = loaded.Values[column];
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{column}[{i}]: trained {expected[i]}, loaded {actual[i]}");
        }
        ((IDisposable)model).Dispose();
    }
}

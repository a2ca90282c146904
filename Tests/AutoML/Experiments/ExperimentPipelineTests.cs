using Microsoft.ML;
using MLExt.AutoML;
using MLExt.Evaluation;
using MLExt.Tests.Cli;
using MLExt.Tests.Trainers;
using MLExt.Trainers;

namespace MLExt.Tests.AutoML.Experiments;

/// <summary>Experiments with real trainers on small synthetic data (few trials, 2–3 epochs).</summary>
public sealed class ExperimentPipelineTests
{
    private static readonly MLContext Ml = new(seed: 1);

    [Fact]
    public void DefaultSpaceFindsAGoodBinaryModelAcrossTrainersAndRefitsIt()
    {
        var data = SyntheticData.Binary(Ml, 150, seed: 2);
        var options = new ExperimentOptions
        {
            Task = EvaluationTask.BinaryClassification, Metric = ExperimentMetric.Auc, Tuner = "random", MaxTrials = 6, Seed = 5,
            ValidationFraction = 0.3, MinEpochs = 2, MaxEpochs = 3,
        };
        var result = new Experiment(options).Run(data);
        Assert.Equal(6, result.Trials.Count);
        Assert.True(result.Trials.Select(t => t.Parameters.GetString(DefaultSearchSpace.Trainer)).Distinct().Count() >= 2, "the default space mixes trainers");
        Assert.True(result.Best!.Metric > 0.9, $"best AUC {result.Best.Metric}");
        Assert.All(result.Trials.Where(t => t.Parameters.GetString(DefaultSearchSpace.Trainer) == DefaultSearchSpace.Network && t.Status == TrialStatus.Completed),
            t => Assert.InRange(t.EpochsTrained, 2, 3));

        using var folder = new TempFolder();
        string path = folder.PathOf("best.zip");
        result.SaveModel(Ml, path);
        var loaded = new MLContext().RegisterMLExt().Model.Load(path, out _);
        var scored = loaded.Transform(data);
        Assert.NotNull(scored.Schema.GetColumnOrNull("Score"));
        Assert.NotNull(scored.Schema.GetColumnOrNull("PredictedLabel"));
    }

    [Fact]
    public void CrossValidatedNetworkTrialsTrainEveryFoldAndReportTheFirstFoldsEpochs()
    {
        var data = SyntheticData.Load(Ml, 120, seed: 3);
        var options = new ExperimentOptions
        {
            Task = EvaluationTask.MulticlassClassification, LabelColumnName = nameof(SyntheticData.Row.Class), Metric = ExperimentMetric.MacroAccuracy,
            Tuner = "random", MaxTrials = 3, Seed = 1, NumberOfFolds = 3, MinEpochs = 2, MaxEpochs = 2,
            SearchSpace = DefaultSearchSpace.Create(EvaluationTask.MulticlassClassification, 2, 2, [DefaultSearchSpace.Network]),
        };
        var result = new Experiment(options).Run(data); // a text label, mapped to a key by the experiment
        Assert.All(result.Trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal(3 * 2, t.EpochsTrained);
            Assert.Equal(2, t.IntermediateScores.Count);
            Assert.InRange(t.Metric, 0, 1);
            Assert.Equal(t.Metric, t.Metrics["MacroAccuracy"]);
        });
        Assert.True(result.Best!.Metric > 0.8, $"best macro accuracy {result.Best.Metric}");
        Assert.NotNull(result.Model);
    }

    [Fact]
    public void CancellationStopsARunningNetworkTrialWithinOneEpoch()
    {
        using var cancel = new CancellationTokenSource();
        int lastEpoch = 0;
        var options = new ExperimentOptions
        {
            Task = EvaluationTask.Regression, Metric = ExperimentMetric.Rmse, Tuner = "random", MaxTrials = 5, MinEpochs = 500, MaxEpochs = 500,
            SearchSpace = DefaultSearchSpace.Create(EvaluationTask.Regression, 500, 500, [DefaultSearchSpace.Network]),
            CancellationToken = cancel.Token,
            Progress = new SynchronousProgress<TrialProgress>(p =>
            {
                if (p.Kind != TrialProgressKind.Epoch)
                    return;
                lastEpoch = p.Epoch;
                if (p.Epoch == 2)
                    cancel.Cancel();
            }),
        };
        var result = new Experiment(options).Run(SyntheticData.Regression(Ml, 300, seed: 4));
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Empty(result.Trials);
        Assert.InRange(lastEpoch, 2, 3);
        Assert.Null(result.Model);
    }

    [Fact]
    public void FailingPipelineIsRecordedWithItsErrorAndTheSearchGoesOn()
    {
        var options = new ExperimentOptions
        {
            Task = EvaluationTask.Regression, Metric = ExperimentMetric.RSquared, Tuner = "random", MaxTrials = 8, Seed = 2,
            SearchSpace = new SearchSpace().Choice("mode", "good", "bad").Float("l2", 1e-4, 1, log: true),
            PipelineFactory = (p, context) => p.GetString("mode") == "good"
                ? Ml.Regression.Trainers.Sdca(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options { L2Regularization = (float)p.GetDouble("l2"), NumberOfThreads = 1 })
                : Ml.Regression.Trainers.NeuralNetwork(context.Configure(new NeuralNetworkRegressionTrainer.Options { BatchSize = 0 })),
        };
        var result = new Experiment(options).Run(SyntheticData.Regression(Ml, 100, seed: 5));
        Assert.Equal(8, result.Trials.Count);
        var failed = result.Trials.Where(t => t.Status == TrialStatus.Failed).ToArray();
        Assert.NotEmpty(failed);
        Assert.All(failed, t => { Assert.Equal("bad", t.Parameters.GetString("mode")); Assert.Contains("BatchSize", t.Error); });
        Assert.All(result.Trials.Where(t => t.Parameters.GetString("mode") == "good"), t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.Equal("good", result.Best!.Parameters.GetString("mode"));
    }

    [Fact]
    public void AshaPrunesNetworkTrialsAndTrainsFewerEpochsThanFullTraining()
    {
        var options = new ExperimentOptions
        {
            Task = EvaluationTask.MulticlassClassification, Metric = ExperimentMetric.Accuracy, Tuner = "asha", MaxTrials = 10, Seed = 3,
            MinEpochs = 1, MaxEpochs = 9,
            SearchSpace = DefaultSearchSpace.Create(EvaluationTask.MulticlassClassification, 1, 9, [DefaultSearchSpace.Network]),
        };
        var result = new Experiment(options).Run(SyntheticData.Multiclass(Ml, 90, seed: 6));
        Assert.Equal(10, result.Trials.Count);
        Assert.True(result.TotalEpochs < 10 * 9 / 2, $"{result.TotalEpochs} epochs against {10 * 9} with every trial trained in full");
        Assert.Contains(result.Trials, t => t.Status == TrialStatus.Pruned || t.Budget < 9);
    }

    [Fact]
    public void BadColumnsAreNamed()
    {
        var data = SyntheticData.Binary(Ml, 30, seed: 1);
        Assert.Contains("'Missing'", Assert.Throws<ArgumentException>(() =>
            new Experiment(new ExperimentOptions { LabelColumnName = "Missing", Tuner = "random" }).Run(data)).Message);
        Assert.Contains("must be Boolean", Assert.Throws<ArgumentException>(() =>
            new Experiment(new ExperimentOptions { LabelColumnName = nameof(SyntheticData.Row.Value), Tuner = "random" }).Run(data)).Message);
        Assert.Contains("'Class'", Assert.Throws<ArgumentException>(() =>
            new Experiment(new ExperimentOptions { FeatureColumnName = nameof(SyntheticData.Row.Class), Tuner = "random" }).Run(data)).Message);
    }
}

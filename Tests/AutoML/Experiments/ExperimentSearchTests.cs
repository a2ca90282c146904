using MLExt.AutoML;
using MLExt.Evaluation;
using MLExt.Tests.Cli;

namespace MLExt.Tests.AutoML.Experiments;

public sealed class ExperimentSearchTests
{
    private static ExperimentOptions Options(string tuner = "random", int trials = 12, int parallel = 1, int seed = 7, string? study = null) => new()
    {
        Task = EvaluationTask.BinaryClassification,
        Metric = ExperimentMetric.Accuracy,
        Tuner = tuner,
        MaxTrials = trials,
        MaxDegreeOfParallelism = parallel,
        Seed = seed,
        StudyPath = study,
        MinEpochs = 1,
        MaxEpochs = 9,
    };

    private static string Signature(ExperimentResult result) => string.Join("\n",
        result.Trials.Select(t => $"{t.Id} {t.Status} {t.Parameters} b={t.Budget} m={t.Metric:R} e={t.EpochsTrained} [{string.Join(",", t.IntermediateScores.Select(v => v.ToString("R")))}]"));

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    [InlineData("bayes")]
    public void SameSeedGivesTheSameTrialsSequentiallyAndInParallel(string tuner)
    {
        var sequential = new Experiment(Options(tuner)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        var again = new Experiment(Options(tuner)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        var parallel = new Experiment(Options(tuner, parallel: 3)).Search(new FakeTrialRunner { Jitter = true }, FakeTrialRunner.Space());
        Assert.Equal(12, sequential.Trials.Count);
        Assert.Equal(Signature(sequential), Signature(again));
        Assert.Equal(Signature(sequential), Signature(parallel));
        var otherSeed = new Experiment(Options(tuner, seed: 8)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        Assert.NotEqual(Signature(sequential), Signature(otherSeed));
    }

    [Fact]
    public void TrialSeedsDependOnExperimentSeedAndTrialId()
    {
        var result = new Experiment(Options()).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        Assert.All(result.Trials, t => Assert.Equal(TrialSeeds.For(7, t.Id), t.Seed));
        Assert.Equal(result.Trials.Count, result.Trials.Select(t => t.Seed).Distinct().Count());
        Assert.NotEqual(TrialSeeds.For(7, 0), TrialSeeds.For(8, 0));
    }

    [Fact]
    public void FailedTrialIsRecordedWithItsErrorAndTheSearchGoesOn()
    {
        var result = new Experiment(Options(trials: 30)).Search(new FakeTrialRunner { FailSome = true }, FakeTrialRunner.Space());
        var failed = result.Trials.Where(t => t.Status == TrialStatus.Failed).ToArray();
        Assert.NotEmpty(failed);
        Assert.All(failed, t =>
        {
            Assert.Contains("fake failure for x = ", t.Error);
            Assert.True(double.IsNaN(t.Loss));
            Assert.Equal("c", t.Parameters.GetString("kind"));
        });
        Assert.Equal(30, result.Trials.Count);
        Assert.True(result.Trials.Max(t => t.Id) > failed.Min(t => t.Id), "trials ran after the first failure");
        Assert.NotNull(result.Best);
        Assert.Equal(TrialStatus.Completed, result.Best!.Status);
    }

    [Fact]
    public void BestIsTheCompletedTrialWithTheHighestMetric()
    {
        var result = new Experiment(Options(trials: 20)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        double top = result.Trials.Where(t => t.Status == TrialStatus.Completed).Max(t => t.Metric);
        Assert.Equal(top, result.Best!.Metric);
        Assert.Equal(-top, result.Best.Loss);
    }

    [Fact]
    public void CancellationEndsTheSearchWithTheTrialsFinished()
    {
        using var cancel = new CancellationTokenSource();
        var options = Options(trials: 50);
        options.CancellationToken = cancel.Token;
        var runner = new FakeTrialRunner { AfterEpoch = (c, epoch) => { if (c.TrialId == 5 && epoch == 2) cancel.Cancel(); } };
        var result = new Experiment(options).Search(runner, FakeTrialRunner.Space());
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(Enumerable.Range(0, 5), result.Trials.Select(t => t.Id));
        Assert.Equal(5 * 4 + 2, runner.EpochsRun); // trial 5 stopped after its second epoch, no trial started after it
    }

    [Fact]
    public void TimeBudgetStopsTheSearch()
    {
        var options = Options(trials: 100000);
        options.TimeBudget = TimeSpan.FromMilliseconds(300);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new Experiment(options).Search(new FakeTrialRunner { Jitter = true }, FakeTrialRunner.Space());
        Assert.Equal(StopReason.TimeBudget, result.StopReason);
        Assert.InRange(result.Trials.Count, 1, 99999);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("hyperband")]
    [InlineData("asha")]
    public void MultiFidelityTunerPrunesOrShortensTrialsAndSavesEpochs(string tuner)
    {
        var runner = new FakeTrialRunner();
        var result = new Experiment(Options(tuner, trials: 30)).Search(runner, FakeTrialRunner.Space());
        Assert.Equal(30, result.Trials.Count);
        // Random search with the same number of trials trains every one of them for the full 9 epochs.
        Assert.True(runner.EpochsRun < 30 * 9 / 2, $"{runner.EpochsRun} epochs against {30 * 9} for full training");
        Assert.Equal(runner.EpochsRun, result.TotalEpochs);
        Assert.Contains(result.Trials, t => t.Status == TrialStatus.Pruned || (t.Budget ?? 9) < 9);
        Assert.All(result.Trials.Where(t => t.Status == TrialStatus.Pruned), t => Assert.Equal(t.IntermediateScores[^1], t.Loss));
    }

    [Fact]
    public void ProgressReportsStartEpochAndFinishForEveryTrial()
    {
        var reports = new List<TrialProgress>();
        var options = Options(trials: 3);
        options.Progress = new SynchronousProgress<TrialProgress>(p => { lock (reports) reports.Add(p); });
        var runner = new FakeTrialRunner();
        var result = new Experiment(options).Search(runner, FakeTrialRunner.Space());
        Assert.Equal(3, reports.Count(r => r.Kind == TrialProgressKind.Started));
        var finished = reports.Where(r => r.Kind == TrialProgressKind.Finished).ToArray();
        Assert.Equal([0, 1, 2], finished.Select(r => r.TrialId));
        Assert.Equal([1, 2, 3], finished.Select(r => r.TrialsFinished));
        Assert.Same(result.Trials[2], finished[2].Record);
    }

    [Fact]
    public void BadOptionsAreRejectedByName()
    {
        Assert.Equal("Metric", Assert.Throws<ArgumentException>(() => new Experiment(new ExperimentOptions { Task = EvaluationTask.Regression, Metric = ExperimentMetric.Auc })
            .Search(new FakeTrialRunner(), FakeTrialRunner.Space())).ParamName);
        Assert.Equal("Tuner", Assert.Throws<ArgumentException>(() => new Experiment(new ExperimentOptions { Tuner = "annealing" })
            .Search(new FakeTrialRunner(), FakeTrialRunner.Space())).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new Experiment(new ExperimentOptions { MaxDegreeOfParallelism = 0 })
            .Search(new FakeTrialRunner(), FakeTrialRunner.Space())).ParamName);
        Assert.Equal("NumberOfFolds", Assert.Throws<ArgumentOutOfRangeException>(() => new Experiment(new ExperimentOptions { NumberOfFolds = 1 })
            .Search(new FakeTrialRunner(), FakeTrialRunner.Space())).ParamName);
    }

    [Fact]
    public void MetricNamesParseAndMapToEvaluationNames()
    {
        Assert.Equal(ExperimentMetric.LogLoss, ExperimentMetrics.Parse("log-loss"));
        Assert.Equal(ExperimentMetric.LogLoss, ExperimentMetrics.Parse("LogLoss"));
        Assert.Equal(ExperimentMetric.RSquared, ExperimentMetrics.Parse("r2"));
        Assert.Equal("MicroAccuracy", ExperimentMetrics.EvaluationName(ExperimentMetric.Accuracy, EvaluationTask.MulticlassClassification));
        Assert.Equal(-0.9, ExperimentMetrics.ToLoss(ExperimentMetric.Auc, 0.9));
        Assert.Equal(0.5, ExperimentMetrics.ToLoss(ExperimentMetric.Rmse, 0.5));
        Assert.Contains("auc", Assert.Throws<ArgumentException>(() => ExperimentMetrics.Parse("precision")).Message);
    }
}

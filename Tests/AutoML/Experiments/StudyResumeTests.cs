using MLExt.AutoML;
using MLExt.Evaluation;
using MLExt.Tests.Cli;

namespace MLExt.Tests.AutoML.Experiments;

public sealed class StudyResumeTests
{
    private static ExperimentOptions Options(string study, string tuner, int trials, int seed = 3, bool resume = false) => new()
    {
        Task = EvaluationTask.BinaryClassification,
        Metric = ExperimentMetric.Accuracy,
        Tuner = tuner,
        MaxTrials = trials,
        Seed = seed,
        StudyPath = study,
        Resume = resume,
        MinEpochs = 1,
        MaxEpochs = 9,
    };

    private static string[] Signature(IEnumerable<TrialRecord> trials) =>
        trials.OrderBy(t => t.Id).Select(t => $"{t.Id} {t.Status} {t.Parameters} b={t.Budget} m={t.Metric:R} [{string.Join(",", t.IntermediateScores.Select(v => v.ToString("R")))}]").ToArray();

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    [InlineData("bayes")]
    [InlineData("hyperband")]
    [InlineData("asha")]
    public void StudyStoppedAfterNTrialsAndResumedProposesWhatAnUninterruptedOneWould(string tuner)
    {
        using var folder = new TempFolder();
        var whole = new Experiment(Options(folder.PathOf("whole.jsonl"), tuner, 14)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());

        string path = folder.PathOf("study.jsonl");
        var first = new Experiment(Options(path, tuner, 6)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        Assert.Equal(6, first.Trials.Count);
        Assert.Equal(6, StudyLog.Load(path).Trials.Count);
        var resumed = new Experiment(Options(path, tuner, 14, resume: true)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());

        Assert.Equal(Signature(whole.Trials), Signature(resumed.Trials));
        Assert.Equal(Signature(whole.Trials), Signature(StudyLog.Load(path).Trials));
    }

    [Fact]
    public void StudyCancelledInsideATrialResumesByRunningThatTrialAgain()
    {
        using var folder = new TempFolder();
        var whole = new Experiment(Options(folder.PathOf("whole.jsonl"), "asha", 12)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());

        string path = folder.PathOf("study.jsonl");
        using var cancel = new CancellationTokenSource();
        var options = Options(path, "asha", 12);
        options.CancellationToken = cancel.Token;
        var stopped = new Experiment(options).Search(
            new FakeTrialRunner { AfterEpoch = (c, epoch) => { if (c.TrialId == 4 && epoch == 1) cancel.Cancel(); } }, FakeTrialRunner.Space());
        Assert.Equal(StopReason.Cancelled, stopped.StopReason);
        Assert.Equal(4, stopped.Trials.Count);
        var log = StudyLog.Load(path);
        Assert.Contains(log.Events, e => e is TrialProposedEvent { Suggestion.Id: 4 });
        Assert.DoesNotContain(log.Trials, t => t.Id == 4);

        var resumed = new Experiment(Options(path, "asha", 12, resume: true)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        Assert.Equal(Signature(whole.Trials), Signature(resumed.Trials));
        // The interrupted trial's prune checks were dropped from the file when it was resumed, so it resumes again cleanly.
        var again = new Experiment(Options(path, "asha", 13, resume: true)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        Assert.Equal(13, again.Trials.Count);
    }

    [Fact]
    public void StudyFileHoldsEveryTrialAndTheTunerLog()
    {
        using var folder = new TempFolder();
        string path = folder.PathOf("study.jsonl");
        var result = new Experiment(Options(path, "asha", 8)).Search(new FakeTrialRunner { FailSome = true }, FakeTrialRunner.Space());
        var log = StudyLog.Load(path);
        Assert.Equal("asha", log.Header.Tuner);
        Assert.Equal(3, log.Header.Seed);
        Assert.Equal(8, log.Events.OfType<TrialProposedEvent>().Count());
        Assert.Equal(8, log.Events.OfType<TrialReportedEvent>().Count());
        Assert.Equal(result.Trials.Sum(t => t.IntermediateScores.Count), log.Events.OfType<PruneCheckedEvent>().Count());
        for (int i = 0; i < result.Trials.Count; i++)
        {
            var written = log.Trials.Single(t => t.Id == result.Trials[i].Id);
            Assert.Equal(result.Trials[i].Parameters, written.Parameters);
            Assert.Equal(result.Trials[i].IntermediateScores, written.IntermediateScores);
            Assert.Equal(result.Trials[i].Metric, written.Metric);
            Assert.Equal(result.Trials[i].Status, written.Status);
            Assert.Equal(result.Trials[i].Error, written.Error);
        }
    }

    [Fact]
    public void TornLastLineIsIgnoredAndOverwritten()
    {
        using var folder = new TempFolder();
        var whole = new Experiment(Options(folder.PathOf("whole.jsonl"), "tpe", 8)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        string path = folder.PathOf("study.jsonl");
        new Experiment(Options(path, "tpe", 4)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        File.AppendAllText(path, "{\"type\":\"propose\",\"id\":4,\"para");
        Assert.Equal(4, StudyLog.Load(path).Trials.Count);
        var resumed = new Experiment(Options(path, "tpe", 8, resume: true)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        Assert.Equal(Signature(whole.Trials), Signature(resumed.Trials));
        Assert.DoesNotContain("\"para\n", File.ReadAllText(path));
    }

    [Fact]
    public void ExistingStudyIsNeverOverwrittenAndOtherSettingsAreRefused()
    {
        using var folder = new TempFolder();
        string path = folder.PathOf("study.jsonl");
        new Experiment(Options(path, "random", 3)).Search(new FakeTrialRunner(), FakeTrialRunner.Space());
        Assert.Contains("exists", Assert.Throws<IOException>(() => new Experiment(Options(path, "random", 5)).Search(new FakeTrialRunner(), FakeTrialRunner.Space())).Message);
        Assert.Contains("seed 3 in the study, 4 now", Assert.Throws<InvalidOperationException>(() =>
            new Experiment(Options(path, "random", 5, seed: 4, resume: true)).Search(new FakeTrialRunner(), FakeTrialRunner.Space())).Message);
        Assert.Contains("tuner random in the study, tpe now", Assert.Throws<InvalidOperationException>(() =>
            new Experiment(Options(path, "tpe", 5, resume: true)).Search(new FakeTrialRunner(), FakeTrialRunner.Space())).Message);
        Assert.Contains("line 1", Assert.Throws<InvalidDataException>(() =>
            StudyLog.Load(folder.Write("bad.jsonl", "not json\n{}\n"))).Message);
    }
}

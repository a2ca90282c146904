using System.Text.Json;
using MLExt.AutoML;
using MLExt.Evaluation;
using MLExt.Tests.Cli;

namespace MLExt.Tests.AutoML.Experiments;

public sealed class StudyReportTests
{
    private static ExperimentResult Study(int trials, bool failSome = false) => new Experiment(new ExperimentOptions
    {
        Task = EvaluationTask.BinaryClassification, Metric = ExperimentMetric.Accuracy, Tuner = "random", MaxTrials = trials, Seed = 11,
    }).Search(new FakeTrialRunner { FailSome = failSome }, FakeTrialRunner.Space());

    [Fact]
    public void ReportFilesHoldLeaderboardBestHistoryAndImportance()
    {
        var result = Study(30, failSome: true);
        using var folder = new TempFolder();
        string directory = folder.PathOf("report");
        var written = StudyReportWriter.WriteAll(result, directory, ["Data: fake."]);
        foreach (string name in new[] { "report.md", "report.html", "report.json", "plots/history.png", "plots/history.svg", "plots/importance.png", "plots/importance.svg" })
            Assert.Contains(Path.Combine(directory, name), written);
        Assert.All(written, p => Assert.True(new FileInfo(p).Length > 100, p));

        string markdown = File.ReadAllText(Path.Combine(directory, "report.md"));
        Assert.Contains("## Leaderboard", markdown);
        Assert.Contains($"Trial {result.Best!.Id}: accuracy", markdown);
        Assert.Contains("fake failure", markdown);
        Assert.Contains("![Optimisation history](plots/history.png)", markdown);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "report.json")));
        var root = json.RootElement;
        Assert.Equal(30, root.GetProperty("trials").GetArrayLength());
        Assert.Equal(result.Best.Id, root.GetProperty("best").GetProperty("id").GetInt32());
        Assert.Equal(result.Best.Id, root.GetProperty("ranking")[0].GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("trials").EnumerateArray().First(t => t.GetProperty("status").GetString() == "Failed").GetProperty("metric").ValueKind);
    }

    [Fact]
    public void ImportanceRanksTheParameterThatDrivesTheScoreFirst()
    {
        // The fake score varies by up to 0.49 with x, 0.025 with y and 0.05 with kind.
        var importance = ParameterImportance.Compute(Study(40).Trials, seed: 1);
        Assert.Equal(3, importance.Count);
        Assert.Equal("x", importance[0].Parameter);
        Assert.True(importance[0].Share > 0.6, $"x has {importance[0].Share:0.000}");
        Assert.Equal(1, importance.Sum(v => v.Share), 1e-9);
    }

    [Fact]
    public void ImportanceNeedsEnoughCompletedTrials()
    {
        Assert.Empty(ParameterImportance.Compute(Study(ParameterImportance.MinimumTrials - 1).Trials));
        var report = StudyReport.Build(Study(3));
        Assert.Contains(report.Sections, s => s.Heading == "Parameter importance" && s.Paragraphs[0].StartsWith("Not computed", StringComparison.Ordinal));
        Assert.Single(report.Plots);
    }

    [Fact]
    public void HistoryIsTheBestSoFar()
    {
        var result = Study(12);
        var ranked = StudyReport.Ranked(result);
        Assert.Equal(result.Best, ranked[0]);
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Metric >= p.Second.Metric));
    }
}

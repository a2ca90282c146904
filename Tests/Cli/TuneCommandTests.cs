namespace MLExt.Tests.Cli;

public sealed class TuneCommandTests(CsvFixture files) : IClassFixture<CsvFixture>
{
    [Fact]
    public void TunesWritesStudyReportAndModelAndResumes()
    {
        using var folder = new TempFolder();
        string study = folder.PathOf("study.jsonl"), report = folder.PathOf("report"), model = folder.PathOf("best.zip");
        var run = CliRun.Of(["tune", "--data", files.Binary, "--label", "label", "--task", "binary", "--metric", "accuracy", "--trials", "3",
            "--tuner", "random", "--max-epochs", "2", "--min-epochs", "2", "--study", study, "--report", report, "--model", model, "--seed", "4", "--json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("tune", json.GetProperty("command").GetString());
        Assert.Equal(3, json.GetProperty("trials").GetInt32());
        Assert.Contains("Leaderboard", run.Stderr);
        Assert.True(File.Exists(model));
        Assert.True(File.Exists(Path.Combine(report, "report.html")));
        Assert.Equal(4, File.ReadLines(study).Count(l => l.Contains("\"type\":\"propose\"") || l.StartsWith("{\"type\":\"study\"", StringComparison.Ordinal)));

        var predict = CliRun.Of(["predict", "--model", model, "--data", files.Binary]);
        Assert.True(predict.ExitCode == 0, predict.Stderr);

        var resumed = CliRun.Of(["tune", "--data", files.Binary, "--label", "label", "--task", "binary", "--metric", "accuracy", "--trials", "4",
            "--tuner", "random", "--max-epochs", "2", "--min-epochs", "2", "--study", study, "--resume", "--seed", "4", "--json"]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(4, resumed.Json().GetProperty("trials").GetInt32());
        Assert.Contains("Resuming the study", resumed.Stderr);
    }

    [Fact]
    public void CrossValidatedRegressionWithMlNetTrainers()
    {
        var run = CliRun.Of(["tune", "--data", files.Regression, "--label", "price", "--task", "regression", "--trials", "3", "--tuner", "random",
            "--trainers", "sdca,fasttree", "--folds", "3", "--json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("rmse", json.GetProperty("metric").GetString());
        Assert.Equal(3, json.GetProperty("leaderboard").GetArrayLength());
    }

    [Theory]
    [InlineData("--metric", "rmse", "does not apply to binary")]
    [InlineData("--metric", "precision", "--metric must be one of")]
    [InlineData("--tuner", "annealing", "--tuner must be one of")]
    [InlineData("--folds", "1", "--folds must be 0")]
    [InlineData("--trials", "0", "--trials must be at least 1")]
    [InlineData("--time", "-3", "--time must be a positive")]
    [InlineData("--parallel", "0", "--parallel must be at least 1")]
    [InlineData("--trainers", "svm", "--trainers: Unknown trainer 'svm'")]
    [InlineData("--min-epochs", "30", "--min-epochs (30) must not exceed --max-epochs (20)")]
    public void BadOptionsFailWithOneLine(string option, string value, string message)
    {
        var run = CliRun.Of(["tune", "--data", files.Binary, "--label", "label", "--task", "binary", option, value]);
        run.AssertFailure(1, message);
    }

    [Fact]
    public void StudyRulesAndMissingColumns()
    {
        using var folder = new TempFolder();
        string existing = folder.Write("old.jsonl", "{}\n");
        CliRun.Of(["tune", "--data", files.Binary, "--label", "label", "--task", "binary", "--study", existing]).AssertFailure(1, "exists already; add --resume");
        CliRun.Of(["tune", "--data", files.Binary, "--label", "label", "--task", "binary", "--resume"]).AssertFailure(1, "--resume needs --study");
        CliRun.Of(["tune", "--data", files.Binary, "--label", "nope", "--task", "binary"]).AssertFailure(1, "--label: no column 'nope'");
        CliRun.Of(["tune", "--data", files.Binary, "--task", "binary"]).AssertFailure(1, "--label is required with --data");
        CliRun.Of(["tune", "--label", "x"]).AssertFailure(1, "need --data");
    }
}

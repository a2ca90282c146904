namespace MLExt.Tests.Cli;

/// <summary><c>mlext cv --ensemble</c> and <c>mlext tune --ensemble</c>.</summary>
public sealed class EnsembleCommandTests(CsvFixture files) : IClassFixture<CsvFixture>
{
    [Fact]
    public void CvAddsTheVotingAndStackingRowsToTheComparison()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of(["cv", "--data", files.Multiclass, "--label", "species", "--task", "multiclass", "--trainer", "sdca,lbfgs",
            "--ensemble", "voting,stacking", "--ensemble-folds", "2", "--folds", "3", "--baselines", "none", "--report", folder.PathOf("r"), "--json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var models = run.Json().GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ML.NET SdcaMaximumEntropy", "ML.NET LbfgsMaximumEntropy",
            "soft voting (ML.NET SdcaMaximumEntropy + ML.NET LbfgsMaximumEntropy)", "stacking (ML.NET SdcaMaximumEntropy + ML.NET LbfgsMaximumEntropy)"], models);
    }

    [Theory]
    [InlineData("--trainer", "sdca", "--ensemble combines the --trainer models and needs at least two, got 1 (sdca)")]
    [InlineData("--trainer", "sdca,lbfgs", "--ensemble must be one of voting, stacking, got 'bagging'")]
    public void BadEnsembleOptionsAreNamed(string option, string value, string message)
    {
        using var folder = new TempFolder();
        string ensemble = message.Contains("bagging", StringComparison.Ordinal) ? "bagging" : "voting";
        var run = CliRun.Of(["cv", "--data", files.Binary, "--label", "label", "--task", "binary", option, value, "--ensemble", ensemble, "--report", folder.PathOf("x")]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.False(Directory.Exists(folder.PathOf("x")));
    }

    [Fact]
    public void TuneReportsTheSelectedEnsembleBesideTheBestTrial()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of(["tune", "--data", files.Binary, "--label", "label", "--task", "binary", "--trainers", "sdca,lbfgs", "--trials", "4",
            "--tuner", "random", "--folds", "3", "--ensemble", "--ensemble-size", "5", "--json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var ensemble = run.Json().GetProperty("ensemble");
        double weights = ensemble.GetProperty("members").EnumerateArray().Sum(m => m.GetProperty("weight").GetDouble());
        Assert.Equal(1.0, weights, 9);
        // Greedy selection starts from the best single trial, so on the predictions it selects on it is never worse (AUC: higher is better).
        Assert.True(ensemble.GetProperty("metric").GetDouble() >= ensemble.GetProperty("bestTrialMetric").GetDouble());
        Assert.True(ensemble.GetProperty("refitted").GetBoolean());
        Assert.Contains("Ensemble of trials", run.Stderr);
    }
}

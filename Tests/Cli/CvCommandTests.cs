using System.Text.Json;

namespace MLExt.Tests.Cli;

public sealed class CvCommandTests(CsvFixture files) : IClassFixture<CsvFixture>
{
    private static readonly string[] Quick = ["--epochs", "2", "--layers", "8", "--batch-size", "16", "--folds", "3"];

    [Fact]
    public void ComparesTrainersSideBySideAndWritesTheReport()
    {
        using var folder = new TempFolder();
        string report = folder.PathOf("report");
        var run = CliRun.Of(["cv", "--data", files.Binary, "--label", "label", "--task", "binary", "--trainer", "nn,lbfgs", "--report", report, "--json", "--baselines", "none", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("stratified", json.GetProperty("crossValidation").GetProperty("strategy").GetString());
        var models = json.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["MLExt network", "ML.NET LbfgsLogisticRegression"], models.Select(m => m.GetProperty("name").GetString()));
        var auc = models[1].GetProperty("metrics").EnumerateObject().Single(p => p.Name.Equals("AUC", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.Equal(3, auc.GetProperty("folds").GetArrayLength());
        Assert.InRange(auc.GetProperty("mean").GetDouble(), 0.8, 1.0);
        Assert.True(auc.GetProperty("confidenceLow").GetDouble() <= auc.GetProperty("mean").GetDouble());
        foreach (string file in new[] { "report.md", "report.html", "report.json", "plots/roc.png", "plots/roc.svg", "plots/comparison.png", "plots/learning-mlext-network.png" })
            Assert.True(File.Exists(Path.Combine(report, file)), file);
        Assert.Contains("95% interval", run.Stderr);
    }

    [Fact]
    public void GroupedRegressionKeepsGroupsTogether()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of(["cv", "--data", files.Regression, "--label", "price", "--task", "regression", "--trainer", "sdca", "--group", "rooms",
            "--report", folder.PathOf("r"), "--json", "--folds", "2"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("grouped", json.GetProperty("crossValidation").GetProperty("strategy").GetString());
        Assert.Equal("rooms", json.GetProperty("crossValidation").GetProperty("group").GetString());
        Assert.True(File.Exists(Path.Combine(folder.PathOf("r"), "plots", "residuals-ml-net-sdca.png")));
    }

    [Fact]
    public void MulticlassWithEveryMlNetTrainer()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of(["cv", "--data", files.Multiclass, "--label", "species", "--task", "multiclass", "--trainer", "sdca", "--trainer", "fasttree",
            "--trainer", "lightgbm", "--report", folder.PathOf("m"), "--json", "--folds", "2", "--parallel", "2", "--baselines", "none"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(3, run.Json().GetProperty("models").GetArrayLength());
    }

    [Theory]
    [InlineData("--group", "nope", "--group: no column 'nope'")]
    [InlineData("--trainer", "forest", "--trainer must be one of nn, lbfgs, lbfgs-poisson, sdca, fasttree, lightgbm")]
    [InlineData("--folds", "1", "--folds must be at least 2")]
    [InlineData("--group", "colour", "--group column 'colour' has 3 distinct value(s), so a fold would be empty; use at most 3 folds")]
    public void BadOptionsAreNamed(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var run = CliRun.Of(["cv", "--data", files.Binary, "--label", "label", "--task", "binary", "--trainer", "lbfgs", "--report", folder.PathOf("x"), option, value]);
        run.AssertFailure(1, message);
    }

    [Fact]
    public void StratifiedRegressionIsRefused()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of(["cv", "--data", files.Regression, "--label", "price", "--task", "regression", "--stratified", "--report", folder.PathOf("x")]);
        run.AssertFailure(1, "--stratified needs class labels");
    }

    [Fact]
    public void FewerRowsThanFoldsIsAUserError()
    {
        using var folder = new TempFolder();
        string data = folder.Write("tiny.csv", "x,y\n1,0\n2,1\n3,0\n");
        var run = CliRun.Of(["cv", "--data", data, "--label", "y", "--task", "binary", "--trainer", "lbfgs", "--report", folder.PathOf("x")]);
        run.AssertFailure(1, "--folds 5: ", "has 3 row(s), so a fold would be empty; use at most 3 folds");
    }
}

namespace MLExt.Tests.Cli;

/// <summary>The demo end to end, with one MLP epoch; minutes long (LightGbm), so left out of the default run.</summary>
public class DemoCommandTests
{
    [Fact]
    [Trait("Category", "Long")]
    public void DemoComparesThreeModelsOnTheMnistSplit()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of("--epochs", "1", "--json", "--cv-rows", "600", "--report", folder.PathOf("report"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("demo", json.GetProperty("command").GetString());
        Assert.Equal(8_000, json.GetProperty("data").GetProperty("trainRows").GetInt32());
        Assert.Equal(2_000, json.GetProperty("data").GetProperty("testRows").GetInt32());
        var models = json.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["MLExt MLP 784-256-128-10", "ML.NET LbfgsMaximumEntropy", "ML.NET LightGbm (1 thread)"], models.Select(m => m.GetProperty("model").GetString()));
        Assert.All(models, m => Assert.InRange(m.GetProperty("accuracy").GetDouble(), 0.8, 1.0));
        Assert.Contains("macro F1", run.Stderr);
        var crossValidation = json.GetProperty("crossValidation");
        Assert.Equal(3, crossValidation.GetProperty("models").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(folder.PathOf("report"), "report.html")));
    }
}

using System.Text.Json;

namespace MLExt.Tests.Cli;

public class TrainCommandTests(CsvFixture files) : IClassFixture<CsvFixture>
{
    private static readonly string[] Quick = ["--epochs", "2", "--layers", "8", "--batch-size", "16"];

    public static TheoryData<string, string, string[]> Tasks => new()
    {
        { "binary", "label", ["accuracy", "AUC", "F1", "log loss"] },
        { "multiclass", "species", ["accuracy (micro)", "accuracy (macro)", "log loss", "macro F1"] },
        { "regression", "price", ["RMSE", "MAE", "R²"] },
    };

    public static TheoryData<string, string, string[]> JsonTasks => new()
    {
        { "binary", "label", ["accuracy", "auc", "f1", "logLossBits"] },
        { "multiclass", "species", ["microAccuracy", "macroAccuracy", "logLossNats", "macroF1"] },
        { "regression", "price", ["rmse", "mae", "rSquared"] },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void PrintsTestMetricsForEachTask(string task, string label, string[] metrics)
    {
        var run = CliRun.Of(["train", "--data", DataFor(task), "--label", label, "--task", task, .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Test metrics", run.Stdout);
        foreach (string metric in metrics)
            Assert.Contains(metric, run.Stdout);
        Assert.Contains("epoch 2/2", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [MemberData(nameof(JsonTasks))]
    public void JsonEndsWithOneObjectHoldingTheFigures(string task, string label, string[] metrics)
    {
        var run = CliRun.Of(["train", "--data", DataFor(task), "--label", label, "--task", task, "--json", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("train", json.GetProperty("command").GetString());
        Assert.Equal(task, json.GetProperty("task").GetString());
        foreach (string metric in metrics)
            Assert.Equal(JsonValueKind.Number, json.GetProperty("metrics").GetProperty(metric).ValueKind);
        var split = json.GetProperty("split");
        Assert.Equal(150, split.GetProperty("trainRows").GetInt32() + split.GetProperty("testRows").GetInt32());
        Assert.Equal(2, json.GetProperty("history").GetProperty("epochs").GetArrayLength());
        Assert.Contains("Test metrics", run.Stderr); // the human-readable report moves to stderr
    }

    [Fact]
    public void BinaryLabelNamesItsPositiveClass()
    {
        var run = CliRun.Of(["train", "--data", files.Binary, "--label", "label", "--task", "binary", "--json", .. Quick]);
        Assert.Equal("yes", run.Json().GetProperty("label").GetProperty("positiveClass").GetString());
    }

    [Fact]
    public void FeaturesPicksColumnsAndTextColumnsAreOneHot()
    {
        var run = CliRun.Of(["train", "--data", files.Binary, "--label", "label", "--task", "binary", "--features", "x1,colour", "--json", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var features = run.Json().GetProperty("features").EnumerateArray()
            .Select(f => (f.GetProperty("name").GetString(), f.GetProperty("kind").GetString())).ToList();
        Assert.Equal([("x1", "numeric"), ("colour", "text")], features);
        Assert.Contains("colour (text, 3 values, one-hot)", run.Stderr);
    }

    [Fact]
    public void SameSeedGivesSameFigures()
    {
        string[] args = ["train", "--data", files.Multiclass, "--label", "species", "--task", "multiclass", "--json", "--seed", "3", .. Quick];
        var first = CliRun.Of(args).Json().GetProperty("metrics").GetRawText();
        var second = CliRun.Of(args).Json().GetProperty("metrics").GetRawText();
        Assert.Equal(first, second);
    }

    private string DataFor(string task) => task switch
    {
        "binary" => files.Binary,
        "multiclass" => files.Multiclass,
        _ => files.Regression,
    };
}

using System.Globalization;
using System.Text;

namespace MLExt.Tests.Cli;

/// <summary>The baselines beside every fit, the tabular defaults line, <c>--label-scaling</c> and the label checks of train and cv.</summary>
public class BaselineCommandTests(CsvFixture files) : IClassFixture<CsvFixture>, IDisposable
{
    private static readonly string[] Quick = ["--epochs", "2", "--layers", "8", "--batch-size", "16"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TrainShowsTheLinearModelAndTheMeanOnTheSameSplit()
    {
        var run = CliRun.Of(["train", "--data", files.Regression, "--label", "price", "--task", "regression", "--json", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Beside the baselines", run.Stderr);
        var baselines = run.Json().GetProperty("baselines").EnumerateArray().ToList();
        Assert.Equal(["ML.NET Sdca least squares (linear)", "mean of the training labels"], baselines.Select(b => b.GetProperty("name").GetString()));
        double linearR2 = baselines[0].GetProperty("metrics").GetProperty("rSquared").GetDouble();
        double meanR2 = baselines[1].GetProperty("metrics").GetProperty("rSquared").GetDouble();
        // price is linear in the features: the linear model explains much of it, the mean nothing (R² ≤ 0 off the training rows).
        Assert.True(linearR2 > meanR2 + 0.3, $"linear R² {linearR2}, mean R² {meanR2}");
        Assert.InRange(meanR2, -0.5, 0.0);
    }

    [Theory]
    [InlineData("binary", "label", "ML.NET LbfgsLogisticRegression (linear)")]
    [InlineData("multiclass", "species", "ML.NET LbfgsMaximumEntropy (linear)")]
    public void ClassificationGetsLogisticRegressionAndTheClassFrequencies(string task, string label, string linear)
    {
        var run = CliRun.Of(["train", "--data", task == "binary" ? files.Binary : files.Multiclass, "--label", label, "--task", task, "--json", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var names = run.Json().GetProperty("baselines").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();
        Assert.Equal([linear, "class frequencies (majority)"], names);
    }

    [Fact]
    public void BaselinesNoneLeavesThemOut()
    {
        var run = CliRun.Of(["train", "--data", files.Regression, "--label", "price", "--task", "regression", "--baselines", "none", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("Beside the baselines", run.Stdout);
        Assert.DoesNotContain("Sdca", run.Stdout);
    }

    [Fact]
    public void ANetworkThatLosesToTheLinearModelIsToldSoWithAHint()
    {
        var run = CliRun.Of(["train", "--data", files.Regression, "--label", "price", "--task", "regression",
            "--epochs", "1", "--layers", "4", "--learning-rate", "0.00001", "--batch-size", "16"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("The network is worse than the linear model on this split (RMSE", run.Stdout);
        Assert.Contains("mlext tune", run.Stdout);
    }

    [Fact]
    public void TheDefaultsUsedAreNamed()
    {
        var run = CliRun.Of(["train", "--data", files.Regression, "--label", "price", "--task", "regression", "--epochs", "2", "--baselines", "none"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        string line = run.Stdout.Split('\n').Single(l => l.StartsWith("Defaults used", StringComparison.Ordinal));
        Assert.Contains("layers 64,32", line);
        Assert.Contains("Adam lr 0.003", line);
        Assert.Contains("batch 16 (training rows/32", line);
        Assert.Contains("patience 20", line);
        Assert.DoesNotContain("epochs", line); // --epochs was given
        Assert.Contains("Adam lr 0.003, batch 16, 2 epochs", run.Stdout.Replace("up to ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void CvCrossValidatesTheBaselinesOnTheSameFolds()
    {
        string report = _folder.PathOf("report");
        var run = CliRun.Of(["cv", "--data", files.Regression, "--label", "price", "--task", "regression", "--folds", "3", "--report", report, "--json", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var models = run.Json().GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(["MLExt network", "ML.NET Sdca least squares (linear)", "mean of the training labels"], models);
        Assert.Contains("The network is worse than the linear model: mean RMSE", run.Stderr);
    }

    [Fact]
    public void AConstantLabelFailsBeforeTrainingNamingTheColumn()
    {
        string path = _folder.Write("constant.csv", Rows((i, x) => Invariant($"{x},7")));
        CliRun.Of(["train", "--data", path, "--label", "y", "--task", "regression", .. Quick])
            .AssertFailure(1, "Label column 'y' has the same value 7 in all");
    }

    [Fact]
    public void LogScalingOfALabelAtOrBelowZeroFailsNamingTheColumn()
    {
        string path = _folder.Write("signed.csv", Rows((i, x) => Invariant($"{x},{x - 0.5}")));
        CliRun.Of(["train", "--data", path, "--label", "y", "--task", "regression", "--label-scaling", "log", .. Quick])
            .AssertFailure(1, "Label column 'y' has the value", "--label-scaling log", "needs every label > 0");
        CliRun.Of(["train", "--data", files.Binary, "--label", "label", "--task", "binary", "--label-scaling", "log", .. Quick])
            .AssertFailure(1, "--label-scaling log applies to a regression label");
    }

    [Fact]
    public void AFewEnormousLabelsAreReportedBeforeTraining()
    {
        string path = _folder.Write("spiky.csv", Rows((i, x) => Invariant($"{x},{(i % 50 == 3 ? 1e6 : 10 + x)}")));
        var run = CliRun.Of(["train", "--data", path, "--label", "y", "--task", "regression", "--baselines", "none", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        string warning = run.Stdout.Split('\n').Single(l => l.StartsWith("Warning: Label column 'y'", StringComparison.Ordinal));
        Assert.Contains("--label-scaling log", warning);
        Assert.Contains("Huber", warning);
        Assert.True(run.Stdout.IndexOf(warning, StringComparison.Ordinal) < run.Stdout.IndexOf("epoch 1/2", StringComparison.Ordinal));
    }

    // 200 rows "x,y" with x in [0, 1).
    private static string Rows(Func<int, double, string> row)
    {
        var text = new StringBuilder("x,y\n");
        var random = new Random(3);
        for (int i = 0; i < 200; i++) text.Append(row(i, Math.Round(random.NextDouble(), 3))).Append('\n');
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

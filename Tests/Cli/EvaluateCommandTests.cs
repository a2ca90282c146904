using System.Globalization;
using System.Text;
using MLExt.Evaluation.Binary;

namespace MLExt.Tests.Cli;

public sealed class EvaluateCommandTests
{
    [Fact]
    public void BinaryPredictionsFromAFileMatchTheLibrary()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("truth,score,p\n");
        bool[] labels = [true, false, true, false, true, false, false, true];
        double[] scores = [2.0, -1.0, 0.5, 0.5, -0.2, -2.0, 1.5, 3.0];
        for (int i = 0; i < labels.Length; i++)
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{(labels[i] ? "yes" : "no")},{scores[i]},{1 / (1 + Math.Exp(-scores[i])):F4}\n"));
        text.Append("yes,,\n"); // a row without a prediction: left out, and said so
        string data = folder.Write("scored.csv", text.ToString());
        var run = CliRun.Of("evaluate", "--data", data, "--label", "truth", "--score", "score", "--probability", "p", "--report", folder.PathOf("r"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("binary", json.GetProperty("task").GetString());
        var expected = BinaryEvaluator.Evaluate(new BinaryPredictions(labels, scores, []));
        double auc = json.GetProperty("metrics").EnumerateObject().Single(p => p.Name.Equals("AUC", StringComparison.OrdinalIgnoreCase)).Value.GetProperty("value").GetDouble();
        Assert.Equal(expected.AreaUnderRocCurve, auc, 12);
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("1 row(s) with a missing or non-finite value in --score column 'score'"));
        Assert.True(File.Exists(Path.Combine(folder.PathOf("r"), "plots", "calibration.png")));
    }

    [Fact]
    public void MulticlassReadsOneProbabilityColumnPerClass()
    {
        using var folder = new TempFolder();
        string data = folder.Write("multi.csv", "truth,cat,dog\ncat,0.9,0.1\ndog,0.2,0.8\ncat,0.4,0.6\ndog,0.3,0.7\n");
        var run = CliRun.Of("evaluate", "--data", data, "--label", "truth", "--score", "cat,dog", "--report", folder.PathOf("r"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var metrics = run.Json().GetProperty("metrics");
        double micro = metrics.EnumerateObject().Single(p => p.Name.Equals("MicroAccuracy", StringComparison.OrdinalIgnoreCase)).Value.GetProperty("value").GetDouble();
        Assert.Equal(0.75, micro, 12);
    }

    [Fact]
    public void RegressionIsInferredFromANumericLabel()
    {
        using var folder = new TempFolder();
        string data = folder.Write("reg.csv", "y,yhat\n1,1.5\n2,2\n3,2\n4,5\n");
        var run = CliRun.Of("evaluate", "--data", data, "--label", "y", "--score", "yhat", "--report", folder.PathOf("r"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("regression", json.GetProperty("task").GetString());
        double rmse = json.GetProperty("metrics").EnumerateObject().Single(p => p.Name.Equals("RMSE", StringComparison.OrdinalIgnoreCase)).Value.GetProperty("value").GetDouble();
        Assert.Equal(0.75, rmse, 12);
    }

    [Fact]
    public void SingleClassLabelIsRefusedWithTheColumnNamed()
    {
        // With one value the positive class is unknown; the library's NaN-with-reason path is tested in EvaluationBadInputTests.
        using var folder = new TempFolder();
        var oneClass = folder.Write("oneclass.csv", "y,s\n1,0.2\n1,0.9\n1,0.4\n");
        var run = CliRun.Of("evaluate", "--data", oneClass, "--label", "y", "--score", "s", "--task", "binary", "--report", folder.PathOf("r"));
        run.AssertFailure(1, "a binary task needs exactly 2 distinct values in column 'y'");
    }

    [Theory]
    [InlineData("--score", "nope", "--score: no column 'nope'")]
    [InlineData("--label", "nope", "--label: no column 'nope'")]
    public void MissingColumnsAreNamed(string option, string value, string message)
    {
        using var folder = new TempFolder();
        string data = folder.Write("s.csv", "y,s\n1,0.2\n0,0.9\n");
        string[] args = ["evaluate", "--data", data, "--label", "y", "--score", "s", "--report", folder.PathOf("r")];
        int at = Array.IndexOf(args, option);
        args[at + 1] = value;
        CliRun.Of(args).AssertFailure(1, message);
    }

    [Fact]
    public void LabelNamingNoScoreColumnIsAUserError()
    {
        using var folder = new TempFolder();
        string data = folder.Write("m.csv", "truth,cat,dog\ncat,0.9,0.1\nbird,0.2,0.8\n");
        CliRun.Of("evaluate", "--data", data, "--label", "truth", "--score", "cat,dog", "--report", folder.PathOf("r"))
            .AssertFailure(1, "line 3 holds 'bird', which names no --score column");
    }
}

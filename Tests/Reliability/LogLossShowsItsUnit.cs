using MLExt.AutoML;
using MLExt.Evaluation;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Metrics;
using MLExt.Evaluation.Multiclass;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: a log loss figure carries its unit wherever it is shown. ML.NET's conventions are kept (binary in bits, −log₂ p;
/// multiclass in nats, −ln p) and named: <c>LogLossBits</c> and <c>LogLossNats</c> in evaluations, reports, JSON, cross-validation
/// tables, the CLI's metric tables and AutoML's study metrics.
/// </summary>
public class LogLossShowsItsUnit(CsvFixture files) : IClassFixture<CsvFixture>
{
    [Fact]
    public void BinaryLogLossIsInBitsAndSaysSo()
    {
        // p = 0.5 for both rows: exactly 1 bit each.
        var evaluation = BinaryEvaluator.Evaluate(new BinaryPredictions([true, false], [0.5, 0.5], [0.5, 0.5]), new BinaryEvaluationOptions());
        var figure = Assert.Single(evaluation.Metrics, m => m.Name.StartsWith("LogLoss", StringComparison.Ordinal) && m.Name != MetricNames.LogLossReduction);
        Assert.Equal(MetricNames.LogLossBits, figure.Name);
        Assert.Equal(1.0, figure.Value, 12);
    }

    [Fact]
    public void MulticlassLogLossIsInNatsAndSaysSo()
    {
        // p = 1/e for the true class: exactly 1 nat.
        double p = 1 / Math.E;
        var evaluation = MulticlassEvaluator.Evaluate(new MulticlassPredictions([0, 1], [[p, 1 - p], [1 - p, p]], ["a", "b"]));
        var figure = Assert.Single(evaluation.Metrics, m => m.Name.StartsWith("LogLoss", StringComparison.Ordinal) && m.Name != MetricNames.LogLossReduction);
        Assert.Equal(MetricNames.LogLossNats, figure.Name);
        Assert.Equal(1.0, figure.Value, 12);
    }

    [Fact]
    public void TheSearchReadsTheFigureOfItsTask()
    {
        Assert.Equal(MetricNames.LogLossBits, ExperimentMetrics.EvaluationName(ExperimentMetric.LogLoss, EvaluationTask.BinaryClassification));
        Assert.Equal(MetricNames.LogLossNats, ExperimentMetrics.EvaluationName(ExperimentMetric.LogLoss, EvaluationTask.MulticlassClassification));
    }

    [Fact]
    public void EveryOutputOfTheCliNamesTheUnit()
    {
        using var folder = new TempFolder();
        var train = CliRun.Of("train", "--data", files.Binary, "--label", "label", "--task", "binary", "--epochs", "1", "--json");
        train.AssertSuccess();
        Assert.True(train.Json().GetProperty("metrics").TryGetProperty("logLossBits", out _));
        Assert.Contains("log loss (bits)", train.Stderr);

        var cv = CliRun.Of("cv", "--data", files.Multiclass, "--label", "species", "--task", "multiclass", "--trainer", "sdca", "--folds", "2",
            "--report", folder.PathOf("cv"));
        cv.AssertSuccess();
        foreach (string report in new[] { "report.md", "report.html", "report.json" })
        {
            string text = File.ReadAllText(Path.Combine(folder.PathOf("cv"), report));
            Assert.Contains("LogLossNats", text);
            Assert.DoesNotMatch(@"LogLoss(?!Nats|Bits|Reduction)", text);
        }
    }
}

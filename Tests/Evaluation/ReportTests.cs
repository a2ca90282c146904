using System.Text;
using System.Text.Json;
using MLExt.Evaluation;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Plots;
using MLExt.Evaluation.Regression;
using MLExt.Evaluation.Reports;
using MLExt.Tests.Trainers;
using Microsoft.ML;

namespace MLExt.Tests.Evaluation;

public sealed class ReportTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly MLContext _ml = new(seed: 1);

    public sealed class NoisyRow
    {
        [Microsoft.ML.Data.VectorType(3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    /// <summary>Overlapping classes (label = x₀ + ½x₁ − ⅓x₂ + noise &gt; ⅓), so curves and intervals are not trivial.</summary>
    internal static IDataView Noisy(MLContext ml, int count, int seed)
    {
        var random = new MLExt.Neural.RandomSource(seed);
        var rows = new List<NoisyRow>();
        for (int i = 0; i < count; i++)
        {
            float[] x = [random.NextGaussian(), random.NextGaussian(), random.NextGaussian()];
            rows.Add(new NoisyRow { Features = x, Label = x[0] + 0.5f * x[1] - x[2] / 3 + random.NextGaussian() > 1 / 3f });
        }
        return ml.Data.LoadFromEnumerable(rows);
    }

    internal static EvaluationReport BinaryComparison(MLContext ml)
    {
        var data = Noisy(ml, 240, 21);
        var options = new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, NumberOfFolds = 4, Seed = 2 };
        var lbfgs = CrossValidator.Run(data, ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), options);
        var sdca = CrossValidator.Run(data, ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 5), options);
        return EvaluationReport.FromCrossValidation("Binary comparison", [("L-BFGS", lbfgs), ("SDCA", sdca)], ["Synthetic overlapping classes, 240 rows."]);
    }

    [Fact]
    public void PlotsRenderAsPngAndSvg()
    {
        var roc = RocCurve.Compute([0.9, 0.8, 0.4, 0.3, 0.1], [true, false, true, false, false]);
        var image = PlotRenderer.Render(CurvePlots.Roc([("model", roc, true)]), "roc", 320, 240);
        Assert.Equal(PngSignature, image.Png.Take(8));
        // The PNG header's width and height (big-endian at bytes 16 and 20).
        Assert.Equal(320, (image.Png[16] << 24) | (image.Png[17] << 16) | (image.Png[18] << 8) | image.Png[19]);
        Assert.Equal(240, (image.Png[20] << 24) | (image.Png[21] << 16) | (image.Png[22] << 8) | image.Png[23]);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", image.Svg);
        Assert.Contains("AUC 0.833", image.Svg); // 5 of 6 pairs, in the legend
        Assert.Equal("ROC curve", image.Title);
    }

    [Fact]
    public void ComparisonReportHasEveryFormatAndFigure()
    {
        var report = BinaryComparison(_ml);
        var plots = ReportPlots.Render(report);
        Assert.Equal(["roc", "precision-recall", "calibration", "confusion-l-bfgs", "confusion-sdca", "comparison"], plots.Select(p => p.Name));

        string markdown = MarkdownReportWriter.Write(report, plots);
        Assert.Contains("# Binary comparison", markdown);
        Assert.Contains("## Comparison", markdown);
        Assert.Contains("| L-BFGS |", markdown);
        Assert.Contains("![ROC curve](plots/roc.png)", markdown);
        Assert.Contains("4-fold stratified, seed 2", markdown);

        string html = HtmlReportWriter.Write(report, plots);
        Assert.Equal(plots.Count, CountOf(html, "src=\"data:image/png;base64,"));
        Assert.DoesNotContain("src=\"http", html);

        using var json = JsonDocument.Parse(JsonReportWriter.Write(report));
        var models = json.RootElement.GetProperty("models");
        Assert.Equal(2, models.GetArrayLength());
        var summary = models[0].GetProperty("crossValidation").GetProperty("summary");
        var auc = summary.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "AUC");
        Assert.Equal(4, auc.GetProperty("values").GetArrayLength());
        Assert.True(auc.GetProperty("confidenceLow").GetDouble() <= auc.GetProperty("mean").GetDouble());
        // −∞, the last ROC threshold, is null in JSON.
        var roc = models[0].GetProperty("evaluation").GetProperty("roc");
        Assert.Equal(JsonValueKind.Null, roc[roc.GetArrayLength() - 1].GetProperty("threshold").ValueKind);
    }

    [Fact]
    public void UndefinedMetricShowsNaNAndItsReasonInEveryFormat()
    {
        var evaluation = BinaryEvaluator.Evaluate(new BinaryPredictions([true, true], [0.2, 0.7], []));
        var report = EvaluationReport.FromEvaluation("One class", "m", evaluation);
        Assert.Contains("| AUC | NaN | AUC is undefined: every row has a positive label", MarkdownReportWriter.Write(report));
        using var json = JsonDocument.Parse(JsonReportWriter.Write(report));
        var auc = json.RootElement.GetProperty("models")[0].GetProperty("evaluation").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "AUC");
        Assert.Equal(JsonValueKind.Null, auc.GetProperty("value").ValueKind);
        Assert.Contains("single-class", auc.GetProperty("reason").GetString());
    }

    [Fact]
    public void MulticlassAndRegressionReportsDrawTheirFigures()
    {
        var multiclass = CrossValidator.Run(SyntheticData.Multiclass(_ml, 90, 3), TrainerFactory.Multiclass(_ml, o => o.NumberOfEpochs = 3),
            new CrossValidationOptions
            {
                Task = EvaluationTask.MulticlassClassification,
                NumberOfFolds = 3,
                LearningCurveExtractor = t => t is MLExt.Trainers.NeuralNetworkTransformer nn
                    ? new LearningCurve(nn.History.Epochs.Select(e => new LearningCurvePoint(e.Epoch, e.TrainingLoss)).ToArray())
                    : null,
            });
        var plots = ReportPlots.Render(EvaluationReport.FromCrossValidation("Multiclass", [("network", multiclass)]));
        Assert.Equal(["confusion-network", "roc-network", "learning-network"], plots.Select(p => p.Name));
        Assert.Contains("a", plots[0].Svg); // class names on the axes

        var regression = RegressionEvaluator.Evaluate(new RegressionPredictions([1, 2, 3, 4], [1.5, 2, 2, 5]));
        var report = EvaluationReport.FromEvaluation("Regression", "linear", regression);
        Assert.Equal(["residuals-linear"], ReportPlots.Render(report).Select(p => p.Name));
    }

    [Fact]
    public void WriteAllWritesTheFilesTheReportLinks()
    {
        string directory = Path.Combine(Path.GetTempPath(), "mlext-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = ReportWriter.WriteAll(BinaryComparison(_ml), directory);
            Assert.Equal(["report.md", "report.html", "report.json"], written.Take(3).Select(Path.GetFileName));
            Assert.True(File.Exists(Path.Combine(directory, "plots", "roc.png")));
            Assert.True(File.Exists(Path.Combine(directory, "plots", "roc.svg")));
            string markdown = File.ReadAllText(Path.Combine(directory, "report.md"), Encoding.UTF8);
            foreach (var link in System.Text.RegularExpressions.Regex.Matches(markdown, @"\]\((plots/[^)]+)\)").Select(m => m.Groups[1].Value))
                Assert.True(File.Exists(Path.Combine(directory, link)), link);
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ModelsOfDifferentTasksOrSameNameAreRejected()
    {
        var binary = BinaryEvaluator.Evaluate(new BinaryPredictions([true, false], [1, 0], []));
        var regression = RegressionEvaluator.Evaluate(new RegressionPredictions([1, 2], [1, 2]));
        Assert.Throws<ArgumentException>(() => new EvaluationReport("x", [new ModelReport("a", binary), new ModelReport("b", regression)]));
        var error = Assert.Throws<ArgumentException>(() => new EvaluationReport("x", [new ModelReport("a", binary), new ModelReport("a", binary)]));
        Assert.Contains("'a'", error.Message);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}

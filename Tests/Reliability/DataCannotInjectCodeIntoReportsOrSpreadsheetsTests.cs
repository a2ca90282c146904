using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Reports;
using MLExt.IO;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: text from the user's data (column names, class labels) cannot run in a reader's viewer: HTML is escaped in
/// every report format, and CSV cells a spreadsheet would run as a formula are neutralised as OWASP recommends.
/// </summary>
public class DataCannotInjectCodeIntoReportsOrSpreadsheetsTests
{
    private const string Script = "<script>alert(1)</script>", Svg = "<svg onload=alert(2)>", Link = "[x](javascript:alert(3))";

    [Fact]
    public void ClassLabelsAreInertInMarkdownAndHtml()
    {
        var evaluation = MulticlassEvaluator.Evaluate(new MulticlassPredictions([0, 1, 2, 0],
            [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7], [0.3, 0.6, 0.1]], [Script, Svg, Link]));
        var report = EvaluationReport.FromEvaluation("Hostile labels", "m", evaluation);
        string markdown = MarkdownReportWriter.Write(report), html = HtmlReportWriter.Write(report, []);
        foreach (string text in new[] { markdown, html })
        {
            Assert.DoesNotContain("<script", text);
            Assert.DoesNotContain("<svg", text);
        }
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", markdown);
        Assert.DoesNotContain("[x](javascript", markdown);
    }

    [Theory]
    [InlineData("=SUM(1,2)", "\"'=SUM(1,2)\"")]
    [InlineData("+cmd", "\"'+cmd\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@A1", "\"'@A1\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("+3", "+3")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("plain", "plain")]
    public void CsvCellsAreNeutralisedAndQuoted(string value, string written) => Assert.Equal(written, CsvWriter.Field(value));

    [Fact]
    public void PredictedClassesAreNeutralisedInThePredictionsFile()
    {
        using var folder = new TempFolder();
        var rows = new System.Text.StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) rows.Append($"{i % 10},{(i % 10 < 5 ? "=SUM(1+2)" : "@cmd")}\n");
        string data = folder.Write("data.csv", rows.ToString()), model = folder.PathOf("m.zip"), output = folder.PathOf("p.csv");
        var train = CliRun.Of("train", "--data", data, "--label", "label", "--task", "binary", "--epochs", "2", "--layers", "4", "--save", model);
        Assert.True(train.ExitCode == 0, train.Stderr);
        var run = CliRun.Of("predict", "--model", model, "--data", data, "--output", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var cells = File.ReadAllLines(output).Skip(1).Select(line => line[..line.IndexOf(",0", StringComparison.Ordinal)]).ToList();
        Assert.All(cells, cell => Assert.StartsWith("\"'", cell));
    }
}

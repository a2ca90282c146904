using System.Text;
using MLExt.Evaluation.Plots;

namespace MLExt.Evaluation.Reports;

/// <summary>Writes a report's files into a directory: report.md, report.html, report.json and plots/NAME.png and .svg.</summary>
public static class ReportWriter
{
    /// <summary>Renders <paramref name="report"/> and writes every file into <paramref name="directory"/> (created if needed).</summary>
    /// <returns>The paths written, report files first.</returns>
    public static IReadOnlyList<string> WriteAll(EvaluationReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var plots = ReportPlots.Render(report);
        string plotDirectory = Path.Combine(directory, "plots");
        Directory.CreateDirectory(plotDirectory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var written = new List<string>();
        void Write(string name, string text)
        {
            string path = Path.Combine(directory, name);
            File.WriteAllText(path, text, utf8);
            written.Add(path);
        }
        Write("report.md", MarkdownReportWriter.Write(report, plots));
        Write("report.html", HtmlReportWriter.Write(report, plots));
        Write("report.json", JsonReportWriter.Write(report, plots.Select(p => $"plots/{p.Name}.png")));
        foreach (PlotImage plot in plots)
        {
            string png = Path.Combine(plotDirectory, plot.Name + ".png"), svg = Path.Combine(plotDirectory, plot.Name + ".svg");
            File.WriteAllBytes(png, plot.Png);
            File.WriteAllText(svg, plot.Svg, utf8);
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }
}

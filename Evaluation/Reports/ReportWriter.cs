using MLExt.IO;
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
        return WriteFiles(directory, MarkdownReportWriter.Write(report, plots), HtmlReportWriter.Write(report, plots),
            JsonReportWriter.Write(report, plots.Select(p => $"plots/{p.Name}.png")), plots);
    }

    /// <summary>
    /// Writes report.md, report.html and report.json (UTF-8 without a byte-order mark) and each plot as
    /// plots/NAME.png and .svg into <paramref name="directory"/> (created if needed), each through a temporary file
    /// renamed into place (<see cref="AtomicFile"/>); returns the paths, report files first.
    /// </summary>
    internal static IReadOnlyList<string> WriteFiles(string directory, string markdown, string html, string json, IReadOnlyList<PlotImage> plots)
    {
        string plotDirectory = Path.Combine(directory, "plots");
        var written = new List<string>();
        foreach (var (name, text) in new[] { ("report.md", markdown), ("report.html", html), ("report.json", json) })
        {
            string path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, text);
            written.Add(path);
        }
        foreach (PlotImage plot in plots)
        {
            string png = Path.Combine(plotDirectory, plot.Name + ".png"), svg = Path.Combine(plotDirectory, plot.Name + ".svg");
            AtomicFile.WriteAllBytes(png, plot.Png);
            AtomicFile.WriteAllText(svg, plot.Svg);
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }
}

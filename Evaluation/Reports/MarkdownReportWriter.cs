using System.Text;
using MLExt.Evaluation.Plots;

namespace MLExt.Evaluation.Reports;

/// <summary>Renders a report as Markdown: readable in a console, with figures linked as PNG files.</summary>
public static class MarkdownReportWriter
{
    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="plots">The rendered figures; those present are linked from <paramref name="plotDirectory"/>.</param>
    /// <param name="plotDirectory">Where the PNG files lie, relative to the Markdown file.</param>
    public static string Write(EvaluationReport report, IReadOnlyList<PlotImage>? plots = null, string plotDirectory = "plots")
    {
        ArgumentNullException.ThrowIfNull(report);
        return Write(ReportLayout.Build(report), plots, plotDirectory);
    }

    /// <summary>The Markdown text of <paramref name="sections"/> (laid out by any report), linking the <paramref name="plots"/> they name from <paramref name="plotDirectory"/>.</summary>
    public static string Write(IReadOnlyList<ReportSection> sections, IReadOnlyList<PlotImage>? plots = null, string plotDirectory = "plots")
    {
        ArgumentNullException.ThrowIfNull(sections);
        var available = (plots ?? []).ToDictionary(p => p.Name);
        var text = new StringBuilder();
        foreach (var section in sections)
        {
            text.Append('#', section.Level).Append(' ').AppendLine(section.Heading).AppendLine();
            foreach (var paragraph in section.Paragraphs)
                text.AppendLine(paragraph).AppendLine();
            foreach (var table in section.Tables)
                AppendTable(text, table);
            foreach (var name in section.Plots)
                if (available.TryGetValue(name, out var plot))
                    text.AppendLine($"![{plot.Title}]({plotDirectory}/{plot.Name}.png)").AppendLine();
            if (section.Bullets.Count > 0)
            {
                text.AppendLine("Warnings:").AppendLine();
                foreach (var bullet in section.Bullets)
                    text.Append("- ").AppendLine(bullet);
                text.AppendLine();
            }
        }
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, ReportTable table)
    {
        text.AppendLine($"**{table.Caption}**").AppendLine();
        text.Append("| ").AppendJoin(" | ", table.Header.Select(Cell)).AppendLine(" |");
        text.Append('|').AppendJoin("|", table.Header.Select(_ => "---")).AppendLine("|");
        foreach (var row in table.Rows)
            text.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        text.AppendLine();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

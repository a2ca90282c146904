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
            text.Append('#', section.Level).Append(' ').AppendLine(Escape(section.Heading)).AppendLine();
            foreach (var paragraph in section.Paragraphs)
                text.AppendLine(Escape(paragraph)).AppendLine();
            foreach (var table in section.Tables)
                AppendTable(text, table);
            foreach (var name in section.Plots)
                if (available.TryGetValue(name, out var plot))
                    text.AppendLine($"![{Escape(plot.Title)}]({plotDirectory}/{plot.Name}.png)").AppendLine();
            if (section.Bullets.Count > 0)
            {
                text.AppendLine("Warnings:").AppendLine();
                foreach (var bullet in section.Bullets)
                    text.Append("- ").AppendLine(Escape(bullet));
                text.AppendLine();
            }
        }
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, ReportTable table)
    {
        text.AppendLine($"**{Escape(table.Caption)}**").AppendLine();
        text.Append("| ").AppendJoin(" | ", table.Header.Select(Cell)).AppendLine(" |");
        text.Append('|').AppendJoin("|", table.Header.Select(_ => "---")).AppendLine("|");
        foreach (var row in table.Rows)
            text.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        text.AppendLine();
    }

    private static string Cell(string value) => Escape(value);

    /// <summary>
    /// Text from the data (column names, class labels) made inert: <c>&lt; &gt; &amp;</c> as HTML entities, so that
    /// <c>&lt;script&gt;</c> or <c>&lt;svg onload=…&gt;</c> cannot become live HTML in a Markdown viewer, the Markdown
    /// characters that make links, images, code or table cells backslash-escaped, line breaks as spaces.
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            _ = c switch
            {
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                '\\' or '`' or '[' or ']' or '|' => escaped.Append('\\').Append(c),
                '\r' or '\n' => escaped.Append(' '),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }
}

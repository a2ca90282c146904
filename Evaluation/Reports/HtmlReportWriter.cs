using System.Net;
using System.Text;
using MLExt.Evaluation.Plots;

namespace MLExt.Evaluation.Reports;

/// <summary>Renders a report as one self-contained HTML page: styles inline, figures embedded as base64 PNG.</summary>
public static class HtmlReportWriter
{
    /// <summary>The HTML page of <paramref name="report"/> with <paramref name="plots"/> embedded where the layout places them.</summary>
    public static string Write(EvaluationReport report, IReadOnlyList<PlotImage> plots)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Write(report.Title, ReportLayout.Build(report), plots);
    }

    /// <summary>The HTML page titled <paramref name="title"/> of <paramref name="sections"/> (laid out by any report), with <paramref name="plots"/> embedded where they are named.</summary>
    public static string Write(string title, IReadOnlyList<ReportSection> sections, IReadOnlyList<PlotImage> plots)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(plots);
        var available = plots.ToDictionary(p => p.Name);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine($"<title>{Encode(title)}</title>")
            .AppendLine("<style>")
            .AppendLine("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}")
            .AppendLine("table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
            .AppendLine("th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}caption{text-align:left;font-weight:bold;padding:.3em 0}")
            .AppendLine("figure{display:inline-block;margin:.5em 1em .5em 0}figure img{max-width:100%;border:1px solid #ddd}")
            .AppendLine("figcaption{font-size:.9em;color:#555}.warnings{color:#8a4b00}")
            .AppendLine("</style></head><body>");
        foreach (var section in sections)
        {
            int level = Math.Clamp(section.Level, 1, 6);
            html.AppendLine($"<h{level}>{Encode(section.Heading)}</h{level}>");
            foreach (var paragraph in section.Paragraphs)
                html.AppendLine($"<p>{Encode(paragraph)}</p>");
            foreach (var table in section.Tables)
                AppendTable(html, table);
            foreach (var name in section.Plots)
            {
                if (!available.TryGetValue(name, out var plot))
                    continue;
                html.AppendLine($"<figure id=\"plot-{Encode(plot.Name)}\"><img alt=\"{Encode(plot.Title)}\" width=\"640\" src=\"data:image/png;base64,{Convert.ToBase64String(plot.Png)}\">")
                    .AppendLine($"<figcaption>{Encode(plot.Title)}</figcaption></figure>");
            }
            if (section.Bullets.Count > 0)
            {
                html.AppendLine("<ul class=\"warnings\">");
                foreach (var bullet in section.Bullets)
                    html.AppendLine($"<li>{Encode(bullet)}</li>");
                html.AppendLine("</ul>");
            }
        }
        return html.AppendLine("</body></html>").ToString();
    }

    private static void AppendTable(StringBuilder html, ReportTable table)
    {
        html.AppendLine($"<table><caption>{Encode(table.Caption)}</caption>");
        html.Append("<tr>").AppendJoin("", table.Header.Select(h => $"<th>{Encode(h)}</th>")).AppendLine("</tr>");
        foreach (var row in table.Rows)
            html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{Encode(c)}</td>")).AppendLine("</tr>");
        html.AppendLine("</table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

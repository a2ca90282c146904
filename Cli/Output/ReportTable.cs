using System.Globalization;
using Spectre.Console;

namespace MLExt.Cli.Output;

/// <summary>Writes a table whose first column is text and whose other columns are right-aligned figures.</summary>
internal static class ReportTable
{
    /// <summary>Writes <paramref name="title"/> on its own line, then the table; each row holds one cell per header.</summary>
    public static void Write(CliOutput output, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        output.Line(title);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(Markup.Escape(headers[0])));
        foreach (string header in headers.Skip(1))
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        foreach (var row in rows)
            table.AddRow(row.Select(Markup.Escape).ToArray());
        output.Report.Write(table);
    }

    /// <summary>Four decimals, invariant culture; NaN as <c>-</c>.</summary>
    public static string Figure(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>Seconds with one decimal, invariant culture.</summary>
    public static string Seconds(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}

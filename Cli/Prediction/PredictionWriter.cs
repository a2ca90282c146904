using Microsoft.ML;
using MLExt.IO;

namespace MLExt.Cli.Prediction;

/// <summary>
/// Writes scored rows as comma-separated values with a header through <see cref="CsvWriter"/>: fields quoted when they
/// need it, text that a spreadsheet would run as a formula neutralised.
/// </summary>
internal static class PredictionWriter
{
    /// <summary>Writes every row of <paramref name="scored"/>; returns the number of rows.</summary>
    public static int Write(IDataView scored, IReadOnlyList<PredictionColumn> columns, TextWriter writer)
    {
        var csv = new CsvWriter(writer);
        csv.WriteRow(columns.Select(c => c.Header));
        int rows = 0;
        using var cursor = scored.GetRowCursor(columns.Select(c => c.Source).DistinctBy(c => c.Index));
        var readers = columns.Select(c => c.CreateReader(cursor)).ToArray();
        while (cursor.MoveNext())
        {
            csv.WriteRow(readers.Select(read => read()));
            rows++;
        }
        csv.Flush();
        return rows;
    }
}

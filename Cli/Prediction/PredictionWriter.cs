using Microsoft.ML;

namespace MLExt.Cli.Prediction;

/// <summary>Writes scored rows as comma-separated values with a header; fields are quoted when they need it.</summary>
internal static class PredictionWriter
{
    /// <summary>Writes every row of <paramref name="scored"/>; returns the number of rows.</summary>
    public static int Write(IDataView scored, IReadOnlyList<PredictionColumn> columns, TextWriter writer)
    {
        writer.WriteLine(string.Join(',', columns.Select(c => Quote(c.Header))));
        int rows = 0;
        using var cursor = scored.GetRowCursor(columns.Select(c => c.Source).DistinctBy(c => c.Index));
        var readers = columns.Select(c => c.CreateReader(cursor)).ToArray();
        while (cursor.MoveNext())
        {
            writer.WriteLine(string.Join(',', readers.Select(read => Quote(read()))));
            rows++;
        }
        writer.Flush();
        return rows;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

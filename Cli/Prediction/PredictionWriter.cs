using Microsoft.ML;

namespace MLExt.Cli.Prediction;

/// <summary>Writes scored rows as comma-separated values with a header; fields are quoted when they need it.</summary>
internal static class PredictionWriter
{
    /// <summary>
    /// Writes every row of <paramref name="scored"/>; returns the number of rows. A row with a NaN score or probability is
    /// handed to <paramref name="notANumber"/> (0-based row) before it is written, which throws to stop the writing.
    /// </summary>
    public static int Write(IDataView scored, IReadOnlyList<PredictionColumn> columns, TextWriter writer, Action<int> notANumber)
    {
        writer.WriteLine(string.Join(',', columns.Select(c => Quote(c.Header))));
        int rows = 0;
        using var cursor = scored.GetRowCursor(columns.Select(c => c.Source).DistinctBy(c => c.Index));
        var readers = columns.Select(c => c.CreateReader(cursor)).ToArray();
        var numeric = columns.Select(c => c.Source.Type is Microsoft.ML.Data.NumberDataViewType or Microsoft.ML.Data.VectorDataViewType).ToArray();
        while (cursor.MoveNext())
        {
            var fields = readers.Select(read => read()).ToArray();
            if (fields.Where((f, i) => numeric[i] && f == "NaN").Any())
                notANumber(rows);
            writer.WriteLine(string.Join(',', fields.Select(Quote)));
            rows++;
        }
        writer.Flush();
        return rows;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

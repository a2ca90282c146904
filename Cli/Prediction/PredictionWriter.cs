using Microsoft.ML;
using MLExt.IO;

namespace MLExt.Cli.Prediction;

/// <summary>
/// Writes scored rows as comma-separated values with a header through <see cref="CsvWriter"/>: fields quoted when they
/// need it, text that a spreadsheet would run as a formula neutralised.
/// </summary>
internal static class PredictionWriter
{
    /// <summary>
    /// Writes every row of <paramref name="scored"/>; returns the number of rows. A row with a NaN score or probability is
    /// handed to <paramref name="notANumber"/> (0-based row) before it is written, which throws to stop the writing.
    /// </summary>
    public static int Write(IDataView scored, IReadOnlyList<PredictionColumn> columns, TextWriter writer, Action<int> notANumber)
    {
        var csv = new CsvWriter(writer);
        csv.WriteRow(columns.Select(c => c.Header));
        int rows = 0;
        using var cursor = scored.GetRowCursor(columns.Select(c => c.Source).DistinctBy(c => c.Index));
        var readers = columns.Select(c => c.CreateReader(cursor)).ToArray();
        var numeric = columns.Select(c => c.Source.Type is Microsoft.ML.Data.NumberDataViewType or Microsoft.ML.Data.VectorDataViewType).ToArray();
        while (cursor.MoveNext())
        {
            var fields = readers.Select(read => read()).ToArray();
            if (fields.Where((f, i) => numeric[i] && f == "NaN").Any())
                notANumber(rows);
            csv.WriteRow(fields);
            rows++;
        }
        csv.Flush();
        return rows;
    }
}

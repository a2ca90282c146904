namespace MLExt.Cli.Data;

/// <summary>Reads chosen columns of a profiled CSV/TSV file as text, row by row, for evaluating predictions made elsewhere.</summary>
internal static class ScoredFile
{
    /// <summary>The values of <paramref name="columns"/> on every data row, in file order; the line each row starts on alongside.</summary>
    public static (string[][] Values, int[] Lines) Read(DelimitedFile file, IReadOnlyList<ColumnProfile> columns)
    {
        var values = new List<string[]>(file.Rows);
        var lines = new List<int>(file.Rows);
        foreach (var (fields, line) in DelimitedFile.Records(file.Path, file.Separator).Skip(1))
        {
            values.Add(columns.Select(c => fields[c.Index].Trim()).ToArray());
            lines.Add(line);
        }
        return (values.ToArray(), lines.ToArray());
    }
}

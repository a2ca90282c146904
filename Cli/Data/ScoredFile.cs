using System.Text;

namespace MLExt.Cli.Data;

/// <summary>Reads chosen columns of a profiled CSV/TSV file as text, row by row, for evaluating predictions made elsewhere.</summary>
internal static class ScoredFile
{
    /// <summary>The values of <paramref name="columns"/> on every data row, in file order; line numbers alongside.</summary>
    public static (string[][] Values, int[] Lines) Read(DelimitedFile file, IReadOnlyList<ColumnProfile> columns)
    {
        var values = new List<string[]>(file.Rows);
        var lines = new List<int>(file.Rows);
        using var reader = new StreamReader(file.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        int lineNumber = 0;
        bool header = true;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            if (header)
            {
                header = false;
                continue;
            }
            var fields = DelimitedFile.SplitFields(line, file.Separator);
            values.Add(columns.Select(c => fields[c.Index].Trim()).ToArray());
            lines.Add(lineNumber);
        }
        return (values.ToArray(), lines.ToArray());
    }
}

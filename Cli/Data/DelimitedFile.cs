using System.Text;

namespace MLExt.Cli.Data;

/// <summary>
/// A CSV or TSV file with a header row, read once to learn its separator and the kind of every column.
/// Fields may be quoted (<c>"a,b"</c>, with <c>""</c> for a quote) and a quoted field may span lines (RFC 4180);
/// empty lines are skipped.
/// </summary>
internal sealed class DelimitedFile
{
    private DelimitedFile(string path, char separator, IReadOnlyList<ColumnProfile> columns, int rows)
    {
        Path = path;
        Separator = separator;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The field separator: tab, comma, semicolon or bar.</summary>
    public char Separator { get; }

    /// <summary>The columns, in header order.</summary>
    public IReadOnlyList<ColumnProfile> Columns { get; }

    /// <summary>The number of data rows (non-blank lines after the header).</summary>
    public int Rows { get; }

    /// <summary>Reads and profiles <paramref name="path"/>; problems with its shape become <see cref="UserException"/>s.</summary>
    public static DelimitedFile Profile(string path)
    {
        string header = FirstLine(path)
            ?? throw new UserException($"{path} is empty: expected a header row naming the columns, then data rows");
        char separator = DetectSeparator(path, header);
        List<ColumnProfile>? columns = null;
        int rows = 0;
        foreach (var (fields, line) in Records(path, separator))
        {
            if (columns is null)
            {
                columns = ReadHeader(path, fields);
                continue;
            }
            if (fields.Count == 1 && columns.Count > 1 && fields[0].Trim().Length == 0)
                throw new UserException($"{path}, line {line} holds only spaces, which ML.NET reads as a row of missing values; delete the line");
            if (fields.Count != columns.Count)
                throw new UserException($"{path}, line {line}: {fields.Count} fields, but the header names {columns.Count} columns" +
                    (fields.Count < columns.Count ? "" : "; a field holding the separator must be quoted (\"a,b\")"));
            for (int i = 0; i < fields.Count; i++)
                columns[i].Add(fields[i], line);
            rows++;
        }
        if (rows == 0)
            throw new UserException($"{path} has a header but no data rows");
        return new DelimitedFile(path, separator, columns!, rows);
    }

    /// <summary>Every record of the file, the header first, with the line each starts on (see <see cref="CsvRecords"/>).</summary>
    public static IEnumerable<(List<string> Fields, int Line)> Records(string path, char separator)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var records = new CsvRecords(reader, path, separator);
        while (records.Next() is { } record)
            yield return record;
    }

    /// <summary>The data row <paramref name="row"/> (0-based, header excluded): its fields and the line it starts on.</summary>
    public (List<string> Fields, int Line) Row(long row) => Records(Path, Separator).Skip(1).ElementAt(checked((int)row));

    /// <summary>The column named <paramref name="name"/> (exact, then case-insensitive match), or null.</summary>
    /// <exception cref="UserException">No exact match, and several columns match ignoring case.</exception>
    public ColumnProfile? Find(string name)
    {
        if (Columns.FirstOrDefault(c => c.Name == name) is { } exact)
            return exact;
        var matches = Columns.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count <= 1 ? matches.FirstOrDefault()
            : throw new UserException($"{Path}: no column is named exactly '{name}', and {string.Join(" and ", matches.Select(m => $"'{m.Name}'"))} " +
                "differ from it only in case; spell the column as the header does");
    }

    /// <summary>The header's names, for error messages: <c>a, b, c</c>.</summary>
    public string ColumnNames => string.Join(", ", Columns.Select(c => c.Name));

    /// <summary>
    /// Picks the separator: the candidate occurring most often in the header, candidates ordered by
    /// the extension's preference (tab for .tsv/.tab, comma otherwise), which also wins ties and single-column headers.
    /// </summary>
    public static char DetectSeparator(string path, string header)
    {
        string extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        char[] candidates = extension is ".tsv" or ".tab" ? ['\t', ',', ';', '|'] : [',', '\t', ';', '|'];
        char best = candidates[0];
        int bestCount = 0;
        foreach (char candidate in candidates)
        {
            int count = SplitFields(header, candidate).Count - 1;
            if (count > bestCount)
                (best, bestCount) = (candidate, count);
        }
        return best;
    }

    /// <summary>Splits one line into fields, honouring double quotes.</summary>
    public static List<string> SplitFields(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        CsvRecords.Split(line, separator, fields, field, quoted: false);
        fields.Add(field.ToString());
        return fields;
    }

    private static List<ColumnProfile> ReadHeader(string path, List<string> header)
    {
        var names = header.Select(n => n.Trim()).ToList();
        var columns = new List<ColumnProfile>(names.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0)
                throw new UserException($"{path}: column {i + 1} has no name in the header row");
            if (!seen.Add(names[i]))
                throw new UserException($"{path}: column '{names[i]}' appears twice in the header row");
            columns.Add(new ColumnProfile(names[i], i));
        }
        return columns;
    }

    private static string? FirstLine(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        while (reader.ReadLine() is { } line)
            if (line.Trim().Length > 0)
                return line;
        return null;
    }
}

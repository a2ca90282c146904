using System.Text;

namespace MLExt.Cli.Data;

/// <summary>
/// A CSV or TSV file with a header row, read once to learn its separator and the kind of every column.
/// Fields may be quoted (<c>"a,b"</c>, with <c>""</c> for a quote); blank lines are skipped.
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
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? header = reader.ReadLine();
        int lineNumber = 1;
        while (header is not null && header.Trim().Length == 0)
        {
            header = reader.ReadLine();
            lineNumber++;
        }
        if (header is null)
            throw new UserException($"{path} is empty: expected a header row naming the columns, then data rows");
        char separator = DetectSeparator(path, header);
        var columns = ReadHeader(path, header, separator);
        int rows = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            var fields = SplitFields(line, separator);
            if (fields.Count != columns.Count)
                throw new UserException($"{path}, line {lineNumber}: {fields.Count} fields, but the header names {columns.Count} columns");
            for (int i = 0; i < fields.Count; i++)
                columns[i].Add(fields[i], lineNumber);
            rows++;
        }
        if (rows == 0)
            throw new UserException($"{path} has a header but no data rows");
        return new DelimitedFile(path, separator, columns, rows);
    }

    /// <summary>The column named <paramref name="name"/> (exact, then case-insensitive match), or null.</summary>
    public ColumnProfile? Find(string name) =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? Columns.SingleOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

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
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    private static List<ColumnProfile> ReadHeader(string path, string header, char separator)
    {
        var names = SplitFields(header, separator).Select(n => n.Trim()).ToList();
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
}

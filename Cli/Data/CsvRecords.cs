using System.Text;

namespace MLExt.Cli.Data;

/// <summary>
/// Reads the records of a CSV/TSV file as RFC 4180 says: fields may be quoted (<c>"a,b"</c>, <c>""</c> for a quote), and a
/// quoted field may span lines. Empty lines between records are skipped, as ML.NET's TextLoader skips them (a line of spaces is
/// a record, as it is for the loader). Each record comes with the file line it starts on.
/// </summary>
internal sealed class CsvRecords(TextReader reader, string path, char separator)
{
    private int _line;

    /// <summary>The field separator.</summary>
    public char Separator { get; set; } = separator;

    /// <summary>
    /// The next record and the 1-based line it starts on, or null at the end of the file.
    /// A quote left open at the end of the file is a <see cref="UserException"/> naming the line it was opened on.
    /// </summary>
    public (List<string> Fields, int Line)? Next()
    {
        string? text;
        do
        {
            text = reader.ReadLine();
            _line++;
            if (text is null)
                return null;
        }
        while (text.Length == 0);
        int start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        while (true)
        {
            quoted = Split(text, Separator, fields, field, quoted);
            if (!quoted)
                break;
            // The quoted field goes on: the line break is part of its value.
            text = reader.ReadLine();
            _line++;
            if (text is null)
                throw new UserException($"{path}, line {start}: a quoted field (\") opened on this line is never closed");
            field.Append('\n');
        }
        fields.Add(field.ToString());
        return (fields, start);
    }

    /// <summary>
    /// Splits one line: completed fields go to <paramref name="fields"/>, the last one stays in <paramref name="field"/>.
    /// Returns whether a quoted field is still open at the end of the line.
    /// </summary>
    public static bool Split(string text, char separator, List<string> fields, StringBuilder field, bool quoted)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
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
        return quoted;
    }
}

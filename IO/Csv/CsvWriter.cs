using System.Globalization;

namespace MLExt.IO;

/// <summary>
/// Writes comma-separated values (RFC 4180) that are safe to open in a spreadsheet: every CSV file MLExt writes goes
/// through here.
/// </summary>
/// <remarks>
/// Formula injection, as OWASP recommends: a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or
/// carriage return would run as a formula in Excel or LibreOffice; it is written with a leading single quote and
/// quoted (<c>=SUM(1,2)</c> becomes <c>"'=SUM(1,2)"</c>). Numbers such as <c>-1.5</c> are left as they are.
/// </remarks>
public sealed class CsvWriter(TextWriter writer)
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Writes one row, each field made safe by <see cref="Field"/>.</summary>
    public void WriteRow(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        writer.WriteLine(string.Join(',', fields.Select(Field)));
    }

    /// <summary>Flushes the underlying writer.</summary>
    public void Flush() => writer.Flush();

    /// <summary>One field as written: neutralised if a spreadsheet would read it as a formula, quoted when needed.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool formula = value.Length > 0 && FormulaStarts.Contains(value[0])
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (formula)
            value = "'" + value;
        return formula || value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}

using System.Globalization;

namespace MLExt.Cli.Data;

/// <summary>What one column of a delimited file holds, learnt by reading every value once.</summary>
internal sealed class ColumnProfile(string name, int index)
{
    /// <summary>At most this many distinct values are remembered.</summary>
    public const int MaxDistinct = 1000;

    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);

    /// <summary>The column's name in the header.</summary>
    public string Name { get; } = name;

    /// <summary>The 0-based position of the column.</summary>
    public int Index { get; } = index;

    /// <summary>How many rows hold a non-empty value.</summary>
    public int Values { get; private set; }

    /// <summary>How many rows leave the column empty or mark it missing (see <see cref="IsMissing"/>).</summary>
    public int Missing { get; private set; }

    /// <summary>The 1-based line of the first empty value, 0 if none.</summary>
    public int FirstMissingLine { get; private set; }

    /// <summary>The first value that is not a finite number, or null if every non-empty value is one.</summary>
    public string? FirstNonNumeric { get; private set; }

    /// <summary>The 1-based line of <see cref="FirstNonNumeric"/>.</summary>
    public int FirstNonNumericLine { get; private set; }

    /// <summary>How many non-empty values are not finite numbers: text, <c>inf</c>, <c>1e39</c>, undecodable bytes.</summary>
    public int BadCells { get; private set; }

    /// <summary>
    /// Numeric, as a user would read the column: it has numbers, and the cells that are not finite numbers are a few
    /// (at most one in twenty, or a single one among three or more values). Those are <see cref="BadCells"/>, read as missing.
    /// </summary>
    public bool IsNumeric => Values > BadCells && (BadCells == 0 || BadCells * 20 <= Values || (BadCells == 1 && Values >= 3));

    /// <summary>The smallest number in the column (+∞ without one).</summary>
    public float Minimum { get; private set; } = float.PositiveInfinity;

    /// <summary>The 1-based line of <see cref="Minimum"/>.</summary>
    public int MinimumLine { get; private set; }

    /// <summary>Numeric with no bad cell at all: what a label must be to be read as a number.</summary>
    public bool IsCleanNumeric => Values > 0 && BadCells == 0;

    /// <summary>
    /// What was decided about a numeric column's empty and bad cells, for the user: empty when there are none, else such as
    /// <c>2 missing (first on line 4); 1 not a number (line 7: 'inf') read as missing</c>.
    /// </summary>
    public string MissingSummary
    {
        get
        {
            var parts = new List<string>();
            if (Missing > 0)
                parts.Add($"{Missing} missing (first on line {FirstMissingLine})");
            if (BadCells > 0)
                parts.Add($"{BadCells} not a number (first on line {FirstNonNumericLine}: '{FirstNonNumeric}') read as missing");
            return string.Join("; ", parts);
        }
    }

    /// <summary>The distinct non-empty values, up to <see cref="MaxDistinct"/>.</summary>
    public IReadOnlyCollection<string> Distinct => _distinct;

    /// <summary>Whether the column holds more than <see cref="MaxDistinct"/> distinct values.</summary>
    public bool TooManyDistinct { get; private set; }

    /// <summary>Records the value found on <paramref name="line"/>, as the file holds it.</summary>
    public void Add(string value, int line)
    {
        if (IsMissing(value))
        {
            if (Missing++ == 0)
                FirstMissingLine = line;
            return;
        }
        Values++;
        bool isNumber = TryParseNumber(value, out float number);
        if (isNumber && number < Minimum)
            (Minimum, MinimumLine) = (number, line);
        if (!isNumber && BadCells++ == 0)
        {
            FirstNonNumeric = value;
            FirstNonNumericLine = line;
        }
        if (_distinct.Count < MaxDistinct)
            _distinct.Add(value);
        else if (!_distinct.Contains(value))
            TooManyDistinct = true;
    }

    /// <summary>Blank, or one of the usual markers of a missing value: <c>NA</c>, <c>N/A</c>, <c>NaN</c>, <c>null</c>, <c>?</c> (any case).</summary>
    public static bool IsMissing(string value)
    {
        var text = value.AsSpan().Trim();
        return text.IsEmpty || text is "?" || text.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || text.Equals("N/A", StringComparison.OrdinalIgnoreCase) || text.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || text.Equals("null", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a value as a finite float (invariant culture); <c>inf</c>, <c>Infinity</c> and <c>1e39</c> are not.</summary>
    public static bool TryParseNumber(string value, out float number) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && float.IsFinite(number);
}

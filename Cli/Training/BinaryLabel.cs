using System.Globalization;
using MLExt.Cli.Data;

namespace MLExt.Cli.Training;

/// <summary>
/// How a two-valued label column becomes ML.NET's Boolean label. The positive (true) class is, in order:
/// the second of a familiar pair (false/true, no/yes, negative/positive, n/y, f/t, 0/1, case-insensitive),
/// else the larger number when both values are numbers, else the later value in ordinal order.
/// </summary>
internal sealed class BinaryLabel
{
    private static readonly (string Negative, string Positive)[] Pairs =
        [("false", "true"), ("no", "yes"), ("negative", "positive"), ("n", "y"), ("f", "t"), ("0", "1")];

    private BinaryLabel(string negative, string positive, IReadOnlyDictionary<string, bool> map)
    {
        Negative = negative;
        Positive = positive;
        Map = map;
    }

    /// <summary>The value read as false.</summary>
    public string Negative { get; }

    /// <summary>The value read as true.</summary>
    public string Positive { get; }

    /// <summary>Every spelling found in the file (and its trimmed form) mapped to its class.</summary>
    public IReadOnlyDictionary<string, bool> Map { get; }

    /// <summary>Reads the classes of <paramref name="column"/>; fails unless it holds exactly two distinct values.</summary>
    public static BinaryLabel From(ColumnProfile column)
    {
        // Group spellings of the same value: "1" and "1.0" in a numeric column, " yes" and "yes" in a text one.
        var groups = column.Distinct
            .GroupBy(v => column.IsCleanNumeric && ColumnProfile.TryParseNumber(v, out float n) ? n.ToString("R", CultureInfo.InvariantCulture) : v.Trim())
            .ToList();
        if (groups.Count != 2 || column.TooManyDistinct)
        {
            string found = column.TooManyDistinct ? $"more than {ColumnProfile.MaxDistinct}" : groups.Count.ToString(CultureInfo.InvariantCulture);
            string examples = string.Join(", ", groups.Take(5).Select(g => $"'{g.Key}'"));
            throw new UserException($"--label: a binary task needs exactly 2 distinct values in column '{column.Name}', found {found}: {examples}{(groups.Count > 5 ? ", ..." : "")}");
        }
        string a = groups[0].Key, b = groups[1].Key;
        bool bPositive = PairOrder(a, b) ?? (column.IsCleanNumeric
            ? float.Parse(b, CultureInfo.InvariantCulture) > float.Parse(a, CultureInfo.InvariantCulture)
            : string.CompareOrdinal(b, a) > 0);
        var map = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var group in groups)
            foreach (string spelling in group)
            {
                bool positive = (group.Key == b) == bPositive;
                map[spelling] = positive;
                map[spelling.Trim()] = positive;
            }
        return bPositive ? new BinaryLabel(a, b, map) : new BinaryLabel(b, a, map);
    }

    private static bool? PairOrder(string a, string b)
    {
        foreach (var (negative, positive) in Pairs)
        {
            if (a.Equals(negative, StringComparison.OrdinalIgnoreCase) && b.Equals(positive, StringComparison.OrdinalIgnoreCase))
                return true;
            if (a.Equals(positive, StringComparison.OrdinalIgnoreCase) && b.Equals(negative, StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return null;
    }
}

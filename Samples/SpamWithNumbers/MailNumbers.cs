using System.Globalization;

namespace MLExt.Samples.SpamWithNumbers;

/// <summary>
/// Numbers computed from a mail's text, the kind of columns that sit beside a text column in real data. The shipped
/// mails are lowercased, so there is no share of capitals; the rest are counts and shares anyone would compute.
/// </summary>
public static class MailNumbers
{
    /// <summary>The column names, in <see cref="Compute"/>'s order.</summary>
    public static readonly string[] Names = ["length", "words", "links", "exclamations", "digit_share", "money", "longest_word"];

    /// <summary>Characters; words; <c>http</c>/<c>www</c> occurrences; <c>!</c>; share of digits among characters;
    /// <c>$</c> and <c>£</c>; the longest run of letters.</summary>
    public static float[] Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int digits = 0, exclamations = 0, money = 0, run = 0, longest = 0;
        foreach (char c in text)
        {
            if (char.IsDigit(c)) digits++;
            if (c == '!') exclamations++;
            if (c is '$' or '£') money++;
            run = char.IsLetter(c) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        int words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return [text.Length, words, Count(text, "http") + Count(text, "www."), exclamations, text.Length == 0 ? 0 : digits / (float)text.Length, money, longest];
    }

    /// <summary>The numbers as TSV fields (invariant culture).</summary>
    public static IEnumerable<string> Fields(string text) => Compute(text).Select(v => v.ToString("R", CultureInfo.InvariantCulture));

    private static int Count(string text, string word)
    {
        int count = 0;
        for (int i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}

using MLExt.Neural;

namespace MLExt.Transforms;

/// <summary>
/// Makes augmented copies of texts: random word dropout, replacement of words by random vocabulary words, and swaps of
/// adjacent words, in that order, each word decided independently. Each call is seeded, so a text and a seed always give
/// the same copy. Thread-safe.
/// </summary>
public sealed class TextAugmenter
{
    private static readonly char[] Whitespace = [' ', '\t', '\r', '\n', '\f', '\v'];
    private readonly TextAugmentationOptions _options;
    private readonly string[] _vocabulary;

    /// <summary>Creates an augmenter with a copy of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    /// <exception cref="ArgumentException">Replacement is asked for without a vocabulary, or the vocabulary holds an empty word.</exception>
    public TextAugmenter(TextAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _vocabulary = options.Vocabulary?.ToArray() ?? [];
        if (_options.ReplacementProbability > 0 && _vocabulary.Length == 0)
            throw new ArgumentException("TextAugmentationOptions.ReplacementProbability > 0 needs a non-empty Vocabulary to draw replacement words from.", nameof(options));
        if (_vocabulary.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("TextAugmentationOptions.Vocabulary holds an empty word.", nameof(options));
    }

    /// <summary>An augmented copy of <paramref name="text"/>: its words after dropout, replacement and swaps, joined by single spaces.</summary>
    public string Augment(string text, int seed)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count == 0) return "";
        var random = new RandomSource(seed);

        // Dropout: keep each word with probability 1 − p; an emptied text keeps one word at random.
        var kept = words.Where(_ => random.NextFloat() >= _options.WordDropoutProbability).ToList();
        if (kept.Count == 0) kept.Add(words[random.NextInt(words.Count)]);

        // Replacement: each word becomes a uniformly drawn vocabulary word with probability r.
        for (int i = 0; i < kept.Count; i++)
            if (random.NextFloat() < _options.ReplacementProbability)
                kept[i] = _vocabulary[random.NextInt(_vocabulary.Length)];

        // Swaps: word i changes place with word i + 1 with probability s; a swapped word is not swapped again.
        for (int i = 0; i + 1 < kept.Count; i++)
            if (random.NextFloat() < _options.SwapProbability)
            {
                (kept[i], kept[i + 1]) = (kept[i + 1], kept[i]);
                i++;
            }
        return string.Join(' ', kept);
    }

    /// <summary>The distinct whitespace-separated words of <paramref name="texts"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Words(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string text in texts)
            words.UnionWith(text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries));
        return [.. words];
    }
}

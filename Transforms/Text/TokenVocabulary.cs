using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>Counts the words of a data set and keeps the most frequent as a vocabulary.</summary>
internal static class TokenVocabulary
{
    /// <summary>
    /// The words (as <c>TokenizeToIds</c> splits them) seen at least <see cref="TokenIdsOptions.MinimumCount"/>
    /// times, most frequent first (ties in ordinal order), at most <c>MaximumVocabularySize − 2</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No word is frequent enough; names the column.</exception>
    public static IReadOnlyList<string> Build(MLContext ml, IDataView data, TokenIdsOptions options)
    {
        var (estimator, wordsColumn) = TokenIdsPipeline.WordSplitting(ml, options);
        var words = estimator.Fit(data).Transform(data);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var column = words.Schema[wordsColumn];
        VBuffer<ReadOnlyMemory<char>> buffer = default;
        using (var cursor = words.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(column);
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                foreach (var word in buffer.DenseValues())
                {
                    if (word.IsEmpty) continue;
                    if (lookup.TryGetValue(word.Span, out int count)) lookup[word.Span] = count + 1;
                    else lookup[word.Span] = 1;
                }
            }
        }
        var vocabulary = counts.Where(p => p.Value >= options.MinimumCount)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(options.MaximumVocabularySize - TokenIdsTransformer.FirstWordId)
            .Select(p => p.Key).ToList();
        if (vocabulary.Count == 0)
            throw new ArgumentException(
                $"No word of text column '{options.InputColumnName ?? options.OutputColumnName}' occurs at least MinimumCount = {options.MinimumCount} times ({counts.Count} distinct words); lower MinimumCount or give more text.",
                "input");
        return vocabulary;
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// The tokens a fitted <c>TokenizeToIds</c> knows, most frequent first: token i gets id i + 2. For words the token is
/// the word; for a subword tokenizer it is the tokenizer's id (<see cref="SubwordIds"/>), shown as its text.
/// </summary>
/// <param name="Tokens">The tokens' text.</param>
/// <param name="SubwordIds">The subword tokenizer's id of each token; empty for words.</param>
internal sealed record TokenVocabulary(IReadOnlyList<string> Tokens, IReadOnlyList<int> SubwordIds)
{
    /// <summary>
    /// The tokens (as <c>TokenizeToIds</c> splits them) seen at least <see cref="TokenIdsOptions.MinimumCount"/>
    /// times, most frequent first (ties in ordinal or id order), at most <c>MaximumVocabularySize − 2</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No token is frequent enough; names the column.</exception>
    public static TokenVocabulary Build(MLContext ml, IDataView data, TokenIdsOptions options)
    {
        var (estimator, tokensColumn) = TokenIdsPipeline.Tokenization(ml, options);
        var tokens = estimator.Fit(data).Transform(data);
        var column = tokens.Schema[tokensColumn];
        TokenVocabulary vocabulary = options.Tokenizer == TokenizerKind.Words
            ? new(Keep(CountWords(tokens, column), options, StringComparer.Ordinal), [])
            : FromSubwords(Keep(CountSubwords(tokens, column), options, Comparer<int>.Default), options.Tokenizer);
        if (vocabulary.Tokens.Count == 0)
            throw new ArgumentException(
                $"No {(options.Tokenizer == TokenizerKind.Words ? "word" : "token")} of text column '{options.InputColumnName ?? options.OutputColumnName}' occurs at least MinimumCount = {options.MinimumCount} times; lower MinimumCount or give more text.",
                "input");
        return vocabulary;
    }

    private static TokenVocabulary FromSubwords(List<int> ids, TokenizerKind kind) =>
        new([.. ids.Select(id => SubwordTokenizers.Decode(kind, id))], ids);

    private static List<T> Keep<T>(Dictionary<T, int> counts, TokenIdsOptions options, IComparer<T> ties) where T : notnull =>
        [.. counts.Where(p => p.Value >= options.MinimumCount)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, ties)
            .Take(options.MaximumVocabularySize - TokenIdsTransformer.FirstWordId)
            .Select(p => p.Key)];

    private static Dictionary<string, int> CountWords(IDataView tokens, DataViewSchema.Column column)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        VBuffer<ReadOnlyMemory<char>> buffer = default;
        using var cursor = tokens.GetRowCursor([column]);
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
        return counts;
    }

    private static Dictionary<int, int> CountSubwords(IDataView tokens, DataViewSchema.Column column)
    {
        var counts = new Dictionary<int, int>();
        VBuffer<float> buffer = default;
        using var cursor = tokens.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            foreach (float id in buffer.DenseValues())
                counts[(int)id] = counts.GetValueOrDefault((int)id) + 1;
        }
        return counts;
    }
}

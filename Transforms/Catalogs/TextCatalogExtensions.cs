using Microsoft.ML;

namespace MLExt.Transforms;

/// <summary>MLExt's text transforms in ML.NET's <c>mlContext.Transforms.Text</c> catalog.</summary>
public static class TextCatalogExtensions
{
    /// <summary>
    /// Turns text into a fixed-length vector of token ids for sequence networks: the text is normalised (lowercased,
    /// accents removed) and split into words on whitespace and punctuation by ML.NET's text transforms, or into subword
    /// tokens by a BPE tokenizer (<paramref name="tokenizer"/>); each token becomes its id in a vocabulary of the most
    /// frequent training tokens (id 0 = padding, 1 = out of vocabulary, tokens from 2); the first <paramref name="maximumLength"/> ids are kept and shorter texts are padded with 0 on
    /// the right. The output column is a vector of <paramref name="maximumLength"/> <see cref="float"/> values.
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The id vector column to create.</param>
    /// <param name="inputColumnName">The text column; null reads <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumLength">Ids per row, 1 to <see cref="TokenIdsOptions.MaximumSupportedLength"/>.</param>
    /// <param name="maximumVocabularySize">The most ids, counting the two reserved ones (≥ 3).</param>
    /// <param name="minimumCount">Tokens seen fewer times in the training data are out of vocabulary (≥ 1).</param>
    /// <param name="tokenizer">Words (the default) or a subword tokenizer (GPT-2, cl100k_base, o200k_base), whose
    /// tokens cover any text; the vocabulary is the tokens seen in training either way.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range; names it.</exception>
    public static TokenIdsEstimator TokenizeToIds(this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null,
        int maximumLength = 128, int maximumVocabularySize = 20_000, int minimumCount = 2, TokenizerKind tokenizer = TokenizerKind.Words) =>
        TokenizeToIds(catalog, new TokenIdsOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            MaximumLength = maximumLength,
            MaximumVocabularySize = maximumVocabularySize,
            MinimumCount = minimumCount,
            Tokenizer = tokenizer,
        });

    /// <summary>Turns text into a fixed-length vector of token ids, with full options (see <see cref="TokenIdsOptions"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; names it.</exception>
    /// <exception cref="ArgumentException">A column name or the separators are empty.</exception>
    public static TokenIdsEstimator TokenizeToIds(this TransformsCatalog.TextTransforms catalog, TokenIdsOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new TokenIdsEstimator(options);
    }

    /// <summary>
    /// Registers MLExt.Transforms' assembly with <paramref name="mlContext"/>'s component catalog, so that
    /// <c>mlContext.Model.Load</c> finds the stateless mapping inside saved <c>TokenizeToIds</c> transforms
    /// (ML.NET's <c>CustomMapping</c> contracts <c>MLExt.TokenIds.Pad</c> and, with a subword tokenizer,
    /// <c>MLExt.TokenIds.Gpt2</c>, <c>.Cl100k</c> or <c>.O200k</c>). Call it once before loading.
    /// </summary>
    public static MLContext RegisterMLExtTransforms(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(TextCatalogExtensions).Assembly);
        return mlContext;
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using MLExt.Transforms.Persistence;

namespace MLExt.Transforms;

/// <summary>
/// The ML.NET built-ins that <c>TokenizeToIds</c> is made of, in order: <c>NormalizeText</c> (case, diacritics,
/// digits); <c>TokenizeIntoWords</c> on the separators, or a stateless subword mapping (<see cref="SubwordIdsMapping"/>,
/// one contract per tokenizer); <c>MapValue</c> from each token to its id (the vocabulary; unknown tokens get 0); the
/// stateless <see cref="PaddedIdsMapping"/> (out-of-vocabulary id 1, right padding with 0, truncation); a slot selection
/// down to the maximum length; and <c>DropColumns</c> of the intermediate columns. Saved models hold exactly these, the
/// vocabulary inside <c>MapValue</c>.
/// </summary>
internal static class TokenIdsPipeline
{
    private const string Words = "MLExt.TokenIds.Words";

    /// <summary>
    /// The fitted chain for <paramref name="options"/> (validated) and <paramref name="vocabulary"/> (token i gets id i + 2).
    /// ML.NET has no public transform that keeps the first n slots of a vector, but <c>SelectFeaturesBasedOnCount</c>
    /// fitted on one row whose first n slots are non-zero is exactly that (a built-in slot-dropping transform).
    /// </summary>
    public static ITransformer Fit(MLContext ml, TokenIdsOptions options, TokenVocabulary vocabulary, IDataView input)
    {
        var ids = Ids(ml, options, vocabulary).Fit(input);
        ITransformer keepLength = options.MaximumLength < TokenIdsOptions.MaximumSupportedLength
            ? ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(options.OutputColumnName, PaddedIds.ColumnName, count: 1).Fit(FirstSlots(ml, options.MaximumLength))
            : ml.Transforms.CopyColumns(options.OutputColumnName, PaddedIds.ColumnName).Fit(FirstSlots(ml, options.MaximumLength));
        var drop = ml.Transforms.DropColumns(Intermediate(options)).Fit(keepLength.Transform(ids.Transform(input)));
        return new TransformerChain<ITransformer>(ids, keepLength, drop);
    }

    /// <summary>The output schema for an input schema, without data.</summary>
    public static SchemaShape GetOutputSchema(MLContext ml, TokenIdsOptions options, SchemaShape input)
    {
        var shape = Ids(ml, options, new TokenVocabulary(["-"], [0])).GetOutputSchema(input);
        shape = ml.Transforms.CopyColumns(options.OutputColumnName, PaddedIds.ColumnName).GetOutputSchema(shape);
        return ml.Transforms.DropColumns(Intermediate(options)).GetOutputSchema(shape);
    }

    private static string[] Intermediate(TokenIdsOptions options) =>
        [NormalizedText.ColumnName, options.Tokenizer == TokenizerKind.Words ? Words : SubwordIds.ColumnName, WordIds.ColumnName, PaddedIds.ColumnName];

    // Normalise, split, look the tokens up, pad: the padded column holds MaximumSupportedLength ids.
    private static IEstimator<ITransformer> Ids(MLContext ml, TokenIdsOptions options, TokenVocabulary vocabulary)
    {
        var (tokens, column) = Tokenization(ml, options);
        IEstimator<ITransformer> lookup = options.Tokenizer == TokenizerKind.Words
            ? ml.Transforms.Conversion.MapValue(WordIds.ColumnName,
                vocabulary.Tokens.Select((word, i) => new KeyValuePair<string, float>(word, i + TokenIdsTransformer.FirstWordId)), column)
            : ml.Transforms.Conversion.MapValue(WordIds.ColumnName,
                vocabulary.SubwordIds.Select((id, i) => new KeyValuePair<float, float>(id, i + TokenIdsTransformer.FirstWordId)), column);
        return tokens.Append(lookup).Append(ml.Transforms.CustomMapping(new PaddedIdsMapping().GetMapping(), PaddedIdsMapping.ContractName));
    }

    // One row of the padded column with its first `length` slots set to 1.
    private static IDataView FirstSlots(MLContext ml, int length)
    {
        var ids = new float[TokenIdsOptions.MaximumSupportedLength];
        ids.AsSpan(0, length).Fill(1f);
        return ml.Data.LoadFromEnumerable([new PaddedIds { Ids = ids }]);
    }

    /// <summary>
    /// Only the normalisation and the split into tokens, writing them to a temporary column (also used to count the
    /// vocabulary): words as text, subword tokens as the tokenizer's ids.
    /// </summary>
    public static (IEstimator<ITransformer> Estimator, string TokensColumn) Tokenization(MLContext ml, TokenIdsOptions options)
    {
        var normalize = Normalize(ml, options, options.InputColumnName ?? options.OutputColumnName);
        if (options.Tokenizer == TokenizerKind.Words)
            return (normalize.Append(ml.Transforms.Text.TokenizeIntoWords(Words, NormalizedText.ColumnName, options.Separators)), Words);
        var mapping = SubwordIdsMapping.For(options.Tokenizer);
        return (normalize.Append(ml.Transforms.CustomMapping(mapping.GetMapping(), SubwordIdsMapping.ContractName(options.Tokenizer))), SubwordIds.ColumnName);
    }

    private static IEstimator<ITransformer> Normalize(MLContext ml, TokenIdsOptions options, string input) =>
        ml.Transforms.Text.NormalizeText(NormalizedText.ColumnName, input,
            options.Lowercase ? TextNormalizingEstimator.CaseMode.Lower : TextNormalizingEstimator.CaseMode.None,
            keepDiacritics: options.KeepDiacritics, keepPunctuations: true, keepNumbers: options.KeepNumbers);
}

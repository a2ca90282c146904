using MLExt.Transforms.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace MLExt.Transforms;

/// <summary>
/// The ML.NET built-ins that <c>TokenizeToIds</c> is made of, in order: <c>NormalizeText</c> (case, diacritics,
/// digits), <c>TokenizeIntoWords</c> on the separators, <c>MapValue</c> from each word to its id (the vocabulary;
/// unknown words get 0), the stateless <see cref="PaddedIdsMapping"/> (out-of-vocabulary id 1, right padding with
/// 0, truncation), a slot selection down to the maximum length, and <c>DropColumns</c> of the intermediate columns.
/// Saved models hold exactly these, the vocabulary inside <c>MapValue</c>.
/// </summary>
internal static class TokenIdsPipeline
{
    private const string Normalized = "MLExt.TokenIds.Normalized", Words = "MLExt.TokenIds.Words";

    /// <summary>
    /// The fitted chain for <paramref name="options"/> (validated) and <paramref name="vocabulary"/> (word i gets id i + 2).
    /// ML.NET has no public transform that keeps the first n slots of a vector, but <c>SelectFeaturesBasedOnCount</c>
    /// fitted on one row whose first n slots are non-zero is exactly that (a built-in slot-dropping transform).
    /// </summary>
    public static ITransformer Fit(MLContext ml, TokenIdsOptions options, IReadOnlyList<string> vocabulary, IDataView input)
    {
        var ids = Ids(ml, options, vocabulary).Fit(input);
        ITransformer keepLength = options.MaximumLength < TokenIdsOptions.MaximumSupportedLength
            ? ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(options.OutputColumnName, PaddedIds.ColumnName, count: 1).Fit(FirstSlots(ml, options.MaximumLength))
            : ml.Transforms.CopyColumns(options.OutputColumnName, PaddedIds.ColumnName).Fit(FirstSlots(ml, options.MaximumLength));
        var drop = ml.Transforms.DropColumns(Normalized, Words, WordIds.ColumnName, PaddedIds.ColumnName).Fit(keepLength.Transform(ids.Transform(input)));
        return new TransformerChain<ITransformer>(ids, keepLength, drop);
    }

    /// <summary>The output schema for an input schema, without data.</summary>
    public static SchemaShape GetOutputSchema(MLContext ml, TokenIdsOptions options, SchemaShape input)
    {
        var shape = Ids(ml, options, ["-"]).GetOutputSchema(input);
        shape = ml.Transforms.CopyColumns(options.OutputColumnName, PaddedIds.ColumnName).GetOutputSchema(shape);
        return ml.Transforms.DropColumns(Normalized, Words, WordIds.ColumnName, PaddedIds.ColumnName).GetOutputSchema(shape);
    }

    // Normalise, split, look the words up, pad: the padded column holds MaximumSupportedLength ids.
    private static IEstimator<ITransformer> Ids(MLContext ml, TokenIdsOptions options, IReadOnlyList<string> vocabulary)
    {
        var pairs = vocabulary.Select((word, i) => new KeyValuePair<string, float>(word, i + TokenIdsTransformer.FirstWordId));
        return WordSplitting(ml, options).Estimator
            .Append(ml.Transforms.Conversion.MapValue(WordIds.ColumnName, pairs, Words))
            .Append(ml.Transforms.CustomMapping(new PaddedIdsMapping().GetMapping(), PaddedIdsMapping.ContractName));
    }

    // One row of the padded column with its first `length` slots set to 1.
    private static IDataView FirstSlots(MLContext ml, int length)
    {
        var ids = new float[TokenIdsOptions.MaximumSupportedLength];
        ids.AsSpan(0, length).Fill(1f);
        return ml.Data.LoadFromEnumerable([new PaddedIds { Ids = ids }]);
    }

    /// <summary>Only the normalisation and word splitting, writing the words to a temporary column (also used to count the vocabulary).</summary>
    public static (IEstimator<ITransformer> Estimator, string WordsColumn) WordSplitting(MLContext ml, TokenIdsOptions options) =>
        (Normalize(ml, options, options.InputColumnName ?? options.OutputColumnName)
            .Append(ml.Transforms.Text.TokenizeIntoWords(Words, Normalized, options.Separators)), Words);

    private static IEstimator<ITransformer> Normalize(MLContext ml, TokenIdsOptions options, string input) =>
        ml.Transforms.Text.NormalizeText(Normalized, input,
            options.Lowercase ? TextNormalizingEstimator.CaseMode.Lower : TextNormalizingEstimator.CaseMode.None,
            keepDiacritics: options.KeepDiacritics, keepPunctuations: true, keepNumbers: options.KeepNumbers);
}

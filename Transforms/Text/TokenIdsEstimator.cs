using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// The estimator of <c>mlContext.Transforms.Text.TokenizeToIds</c>: <c>Fit</c> counts the words of the training
/// text (words or subword tokens), keeps the most frequent as the vocabulary, and returns a <see cref="TokenIdsTransformer"/>.
/// </summary>
public sealed class TokenIdsEstimator : IEstimator<TokenIdsTransformer>
{
    private static readonly MLContext Context = new(seed: 0);
    private readonly TokenIdsOptions _options;

    internal TokenIdsEstimator(TokenIdsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The text column is missing or not text; names it.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        string name = _options.InputColumnName ?? _options.OutputColumnName;
        var column = inputSchema.FirstOrDefault(c => c.Name == name);
        if (column.Name is null)
            throw new ArgumentException($"Text column '{name}' was not found; the data has columns {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.", "inputColumnName");
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType is not TextDataViewType)
            throw new ArgumentException($"Column '{name}' must be a scalar text column to tokenize, got {column.Kind} of {column.ItemType}.", "inputColumnName");
        return TokenIdsPipeline.GetOutputSchema(Context, _options, inputSchema);
    }

    /// <summary>Builds the vocabulary from <paramref name="input"/>'s text column and returns the transformer.</summary>
    /// <exception cref="ArgumentException">The text column is missing or not text, or no word occurs <see cref="TokenIdsOptions.MinimumCount"/> times.</exception>
    public TokenIdsTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema, _options.InputColumnName ?? _options.OutputColumnName);
        var vocabulary = TokenVocabulary.Build(Context, input, _options);
        var chain = TokenIdsPipeline.Fit(Context, _options, vocabulary, input);
        return new TokenIdsTransformer(chain, _options, vocabulary.Tokens);
    }

    /// <summary>Checks that the schema has a scalar text column of that name.</summary>
    /// <exception cref="ArgumentException">Missing or not text; names the column and its type.</exception>
    internal static void CheckInput(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentException($"Text column '{name}' was not found; the data has columns {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.", "inputColumnName");
        if (column.Type is not TextDataViewType)
            throw new ArgumentException($"Column '{name}' has type {column.Type}; TokenizeToIds needs a scalar text (String) column.", "inputColumnName");
    }
}

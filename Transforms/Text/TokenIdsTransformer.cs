using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// A fitted <c>TokenizeToIds</c>: turns a text column into a fixed-length vector of <see cref="float"/> token ids for
/// sequence networks (an embedding layer reads them). Id 0 is padding, 1 a word out of the vocabulary, and word i of
/// <see cref="Vocabulary"/> has id i + 2; the first <see cref="MaximumLength"/> words are kept and shorter texts are
/// padded with 0 on the right.
/// </summary>
/// <remarks>
/// It is a chain of ML.NET built-ins plus one stateless mapping (see <see cref="Persistence.PaddedIdsMapping"/>), and
/// <c>mlContext.Model.Save</c> writes that chain, vocabulary included; <c>mlContext.Model.Load</c> reads it back as
/// those built-ins once MLExt.Transforms' assembly is registered (<see cref="TextCatalogExtensions.RegisterMLExtTransforms"/>).
/// </remarks>
public sealed class TokenIdsTransformer : ITransformer
{
    /// <summary>The id of padding after the end of a text.</summary>
    public const int PaddingId = 0;

    /// <summary>The id of a word that is not in the vocabulary.</summary>
    public const int OutOfVocabularyId = 1;

    /// <summary>The id of the vocabulary's first (most frequent) word.</summary>
    public const int FirstWordId = 2;

    private readonly ITransformer _chain;
    private readonly TokenIdsOptions _options;

    internal TokenIdsTransformer(ITransformer chain, TokenIdsOptions options, IReadOnlyList<string> vocabulary)
    {
        _chain = chain;
        _options = options;
        Vocabulary = vocabulary;
    }

    /// <summary>
    /// The tokens, most frequent first: token i has id i + 2. Words, or with a subword <see cref="Tokenizer"/> the text of
    /// each tokenizer token seen in training (a byte-level piece of a character shows as U+FFFD).
    /// </summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The number of ids in use, the two reserved ones included (ids are 0 … VocabularySize − 1): an embedding's input size.</summary>
    public int VocabularySize => Vocabulary.Count + FirstWordId;

    /// <summary>How text is split into tokens.</summary>
    public TokenizerKind Tokenizer => _options.Tokenizer;

    /// <summary>Ids per row.</summary>
    public int MaximumLength => _options.MaximumLength;

    /// <summary>The text column read.</summary>
    public string InputColumnName => _options.InputColumnName ?? _options.OutputColumnName;

    /// <summary>The id vector column written.</summary>
    public string OutputColumnName => _options.OutputColumnName;

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The text column is missing or not text; names it.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        TokenIdsEstimator.CheckInput(inputSchema, InputColumnName);
        return _chain.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        TokenIdsEstimator.CheckInput(inputSchema, InputColumnName);
        return _chain.GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The text column is missing or not text; names it.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        TokenIdsEstimator.CheckInput(input.Schema, InputColumnName);
        return _chain.Transform(input);
    }

    /// <summary>The ids of one text, as <see cref="Transform"/> computes them (for inspection and tests).</summary>
    public float[] Encode(string text)
    {
        var ml = new MLContext(seed: 0);
        var definition = SchemaDefinition.Create(typeof(TextRow));
        definition[0].ColumnName = InputColumnName;
        var data = ml.Data.LoadFromEnumerable([new TextRow { Text = text }], definition);
        var output = Transform(data);
        var column = output.Schema[OutputColumnName];
        using var cursor = output.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> ids = default;
        cursor.MoveNext();
        getter(ref ids);
        return ids.DenseValues().ToArray();
    }

    /// <summary>Writes the chain of ML.NET built-ins (vocabulary included) into the model.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        _chain.Save(ctx);
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }
}

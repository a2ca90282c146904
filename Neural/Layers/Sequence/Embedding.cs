namespace MLExt.Neural;

/// <summary>
/// Token embedding: y[t] = E[id_t] for token ids <c>[time]</c> (floats holding integers in [0, vocabularySize))
/// and a table E <c>[vocabularySize, dimension]</c>, giving <c>[time, dimension]</c>. With a padding index, that
/// id maps to a zero vector, its row gets no gradient, and the layer emits the padding mask
/// (<see cref="ISequenceMaskSource"/>) that recurrent, pooling and attention layers after it honour.
/// A frozen table is not trained: it is listed in <see cref="Layer.States"/> (saved and restored with the
/// weights, never touched by optimisers) instead of <see cref="Layer.Parameters"/>, and Backward accumulates
/// nothing. Token ids have no gradient: Backward returns zeros shaped like the ids.
/// </summary>
public sealed class Embedding : Layer, ISequenceMaskSource
{
    private Parameter? _table;
    private Parameter[] _parameters = [], _states = [];
    private Tensor? _input, _output, _mask, _gradInput;

    /// <summary>Creates an unbuilt embedding.</summary>
    /// <param name="vocabularySize">Number of token ids (rows of the table).</param>
    /// <param name="dimension">Length of each embedding vector.</param>
    /// <param name="paddingIndex">The padding id (mapped to zeros and masked), or null when there is no padding.</param>
    /// <param name="freeze">Whether the table stays fixed during training.</param>
    /// <param name="initializer">How the table is initialised (Glorot uniform over [vocabularySize, dimension] by default).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the padding index is outside the vocabulary.</exception>
    public Embedding(int vocabularySize, int dimension, int? paddingIndex = null, bool freeze = false, Initializer? initializer = null)
    {
        if (vocabularySize <= 0) throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "Embedding needs a vocabulary of at least one token.");
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Embedding dimension must be positive.");
        if (paddingIndex is int p && (p < 0 || p >= vocabularySize))
            throw new ArgumentOutOfRangeException(nameof(paddingIndex), p, $"The padding index must be a token id in [0, {vocabularySize}).");
        VocabularySize = vocabularySize;
        Dimension = dimension;
        PaddingIndex = paddingIndex;
        Frozen = freeze;
        Initializer = initializer ?? new GlorotUniform();
    }

    /// <summary>Number of token ids.</summary>
    public int VocabularySize { get; }

    /// <summary>Length of each embedding vector.</summary>
    public int Dimension { get; }

    /// <summary>The padding id, or null.</summary>
    public int? PaddingIndex { get; }

    /// <summary>Whether the table is fixed (a state, not a parameter).</summary>
    public bool Frozen { get; }

    /// <summary>How the table is initialised.</summary>
    public Initializer Initializer { get; }

    /// <summary>The table E <c>[vocabularySize, dimension]</c>; write pretrained vectors into its value after Build.</summary>
    public Parameter Table => _table ?? throw new InvalidOperationException("Embedding is not built.");

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> States => _states;

    /// <summary>The padding mask of the latest Forward (<c>[batch, time]</c>), or null without a padding index.</summary>
    public Tensor? OutputMask => PaddingIndex is null ? null : _mask;

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape) => inputShape.Length == 1
        ? [inputShape[0], Dimension]
        : throw new ArgumentException($"Embedding expects token ids [time] per sample but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length != 1)
            throw new ArgumentException($"Embedding expects token ids [time] per sample but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        _table = new Parameter("embeddings", [VocabularySize, Dimension], isWeight: true);
        Initializer.Fill(_table.Value.Span, VocabularySize, Dimension, random);
        if (PaddingIndex is int p) _table.Value.Row(p).Clear();
        if (Frozen) _states = [_table];
        else _parameters = [_table];
        return [inputShape[0], Dimension];
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is not an integer in [0, vocabularySize); the message names it and its position.</exception>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Rows, steps = InputShape[0];
        var y = Tensor.Ensure(ref _output, n, steps, Dimension);
        var mask = Tensor.Ensure(ref _mask, n, steps);
        for (int i = 0; i < n * steps; i++)
        {
            int id = TokenId(input[i], i / steps, i % steps);
            // y[t] = E[id_t], zero for padding
            var row = y.Span.Slice(i * Dimension, Dimension);
            bool padding = id == PaddingIndex;
            if (padding) row.Clear();
            else Table.Value.Row(id).CopyTo(row);
            mask[i] = padding ? 0f : 1f;
        }
        _input = input;
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        BackwardParametersOnly(outputGradient);
        var dx = Tensor.Ensure(ref _gradInput, _input!.Shape);
        dx.Clear();
        return dx;
    }

    /// <summary>Adds the table's gradient (token ids have none to return).</summary>
    internal override void BackwardParametersOnly(Tensor outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Embedding.Backward called before Forward.");
        if (!Frozen)
        {
            // dE[id_t] += dy[t] for every real step
            for (int i = 0; i < input.Length; i++)
            {
                int id = (int)input[i];
                if (id == PaddingIndex) continue;
                var gradient = Table.Gradient.Row(id);
                var dy = outputGradient.Span.Slice(i * Dimension, Dimension);
                System.Numerics.Tensors.TensorPrimitives.Add(gradient, dy, gradient);
            }
        }
    }

    private int TokenId(float value, int row, int step)
    {
        if (!(value >= 0f && value < VocabularySize) || value != MathF.Floor(value))
            throw new ArgumentException(
                $"Embedding: token id {value} at row {row}, step {step} is not an integer in [0, {VocabularySize}) (vocabularySize {VocabularySize}).", "input");
        return (int)value;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig()
    {
        var config = new LayerConfig(nameof(Embedding)).Set("vocabularySize", VocabularySize).Set("dimension", Dimension)
            .Set("freeze", Frozen).Set("initializer", Initializer.ToString());
        if (PaddingIndex is int p) config.Set("paddingIndex", p);
        return config;
    }

    internal static Embedding Create(LayerConfig config) => new(
        config.GetInt("vocabularySize"), config.GetInt("dimension"), config.Has("paddingIndex") ? config.GetInt("paddingIndex") : null,
        config.GetBool("freeze"), Initializer.Parse(config.GetString("initializer")));
}

using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// Multi-head self-attention over sequences <c>[time, dModel]</c>: Q = x·Wq + bq, K = x·Wk, V = x·Wv + bv
/// (each <c>[time, heads·keyDim]</c>; a key bias would cancel in the softmax), head h attends with O_h = softmax(Q_h·K_hᵀ/√keyDim + M)·V_h (see
/// <see cref="ScaledDotProductAttention"/>; M = −∞ at padded keys of the padding mask), and
/// y = concat_h(O_h)·Wo + bo <c>[time, dModel]</c>. Optional dropout on the attention weights while training.
/// Padding only masks keys: every position (padded ones too) gets an output, and outputs at real positions do
/// not depend on padded ones.
/// </summary>
public sealed class MultiHeadSelfAttention : Layer, ISequenceMaskConsumer
{
    private readonly Dense _query, _key, _value;
    private Dense? _output;
    private readonly ScaledDotProductAttention _attention = new();
    private RandomSource? _random;
    private Tensor? _mask, _weights, _dropMask, _heads, _gradQuery, _gradKey, _gradValue, _gradInput;
    private Tensor _q = null!, _k = null!, _v = null!;
    private bool _dropping;

    /// <summary>Creates unbuilt multi-head self-attention.</summary>
    /// <param name="heads">Number of heads.</param>
    /// <param name="keyDim">Size of each head's queries, keys and values.</param>
    /// <param name="dropout">Dropout rate on the attention weights while training (default 0).</param>
    /// <param name="useBias">Whether the query, value and output projections have biases (default true). The key projection
    /// never has one: it would add the same q·b to every score of a query, which the softmax cancels.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the rate is not in [0, 1).</exception>
    public MultiHeadSelfAttention(int heads, int keyDim, float dropout = 0f, bool useBias = true)
    {
        if (heads <= 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, "MultiHeadSelfAttention needs at least one head.");
        if (keyDim <= 0) throw new ArgumentOutOfRangeException(nameof(keyDim), keyDim, "MultiHeadSelfAttention needs a positive keyDim.");
        if (!(dropout >= 0f && dropout < 1f)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Attention dropout must be in [0, 1).");
        Heads = heads;
        KeyDim = keyDim;
        DropoutRate = dropout;
        UseBias = useBias;
        _query = new Dense(heads * keyDim, useBias: useBias);
        _key = new Dense(heads * keyDim, useBias: false); // a key bias adds q·b to every score of a row: softmax cancels it
        _value = new Dense(heads * keyDim, useBias: useBias);
    }

    /// <summary>Number of heads.</summary>
    public int Heads { get; }

    /// <summary>Size of each head's queries, keys and values.</summary>
    public int KeyDim { get; }

    /// <summary>Dropout rate on the attention weights while training.</summary>
    public float DropoutRate { get; }

    /// <summary>Whether the query, value and output projections have biases (the key projection has none).</summary>
    public bool UseBias { get; }

    /// <summary>The projections, in order: query, key, value (<c>[dModel, heads·keyDim]</c>) and output (<c>[heads·keyDim, dModel]</c>).</summary>
    /// <exception cref="InvalidOperationException">The layer is not built (the output size is the input's).</exception>
    public IReadOnlyList<Dense> Projections => [_query, _key, _value, OutputProjection];

    private Dense OutputProjection => _output ?? throw new InvalidOperationException("MultiHeadSelfAttention is not built.");

    private Parameter[] _parameters = [];

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public override IReadOnlyList<RandomSource> RandomSources => _random is null ? [] : [_random];

    /// <summary>
    /// The attention weights of the latest <see cref="Layer.Forward"/>, <c>[batch, heads, time (query), time (key)]</c>,
    /// before dropout: each row sums to 1 over the real keys and is 0 at padded keys (all 0 for a sequence without real
    /// steps). After <see cref="Network.Forward"/> these are the weights for that batch. A layer buffer, valid until the next call.
    /// </summary>
    /// <exception cref="InvalidOperationException">No forward pass yet.</exception>
    public Tensor LastAttentionWeights => _weights ?? throw new InvalidOperationException("MultiHeadSelfAttention has not run forward yet.");

    /// <summary>
    /// Runs the layer in inference mode on <paramref name="input"/> <c>[batch, time, dModel]</c> with the padding
    /// <paramref name="mask"/> <c>[batch, time]</c> (1 real, 0 padding; null for none) and returns a copy of the
    /// attention weights <c>[batch, heads, time, time]</c>, for interpretation.
    /// </summary>
    /// <exception cref="ArgumentException">The input or mask shape does not fit the layer.</exception>
    public Tensor GetAttentionWeights(Tensor input, Tensor? mask = null)
    {
        var previous = _mask;
        SetInputMask(mask);
        try
        {
            Forward(input, training: false);
            return LastAttentionWeights.Clone();
        }
        finally
        {
            _mask = previous;
        }
    }

    /// <inheritdoc/>
    public void SetInputMask(Tensor? mask) => _mask = mask;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length != 2)
            throw new ArgumentException($"MultiHeadSelfAttention expects sequences [time, dModel] but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        int time = inputShape[0], width = Heads * KeyDim;
        _output = new Dense(inputShape[1], useBias: UseBias);
        var parts = new[] { ("query", _query), ("key", _key), ("value", _value), ("output", _output) }
            .Select(part => new LayerSequence((part.Item1, part.Item2))).ToArray();
        foreach (var part in parts[..3]) part.Build(nameof(MultiHeadSelfAttention), inputShape, random);
        parts[3].Build(nameof(MultiHeadSelfAttention), [time, width], random);
        _parameters = parts.SelectMany(part => part.Parameters).ToArray();
        _random = random.Fork();
        return inputShape;
    }

    private int Time => InputShape[0];

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Rows, time = Time, width = Heads * KeyDim;
        var mask = CheckedMask(n);
        _dropping = training && DropoutRate > 0f;
        // Q = x·Wq + bq ; K = x·Wk ; V = x·Wv + bv  (over all n·time positions at once; biases only when UseBias)
        _q = _query.Forward(input, training);
        _k = _key.Forward(input, training);
        _v = _value.Forward(input, training);
        var weights = Tensor.Ensure(ref _weights, n, Heads, time, time);
        var dropMask = _dropping ? Tensor.Ensure(ref _dropMask, n, Heads, time, time) : null;
        if (dropMask is not null) FillDropMask(dropMask.Span);
        var heads = Tensor.Ensure(ref _heads, n, time, width);
        _attention.Resize(time, time, KeyDim, KeyDim);
        for (int b = 0; b < n; b++)
            for (int h = 0; h < Heads; h++)
            {
                // O_h = softmax(Q_h·K_hᵀ/√d + M)·V_h
                Gather(_q, b, h, _attention.Query);
                Gather(_k, b, h, _attention.Key);
                Gather(_v, b, h, _attention.Value);
                _attention.Forward(KeyMask(mask, b), DropMask(dropMask, b, h));
                _attention.Weights.AsSpan(0, time * time).CopyTo(Block(weights, b, h));
                Scatter(_attention.Output, heads, b, h);
            }
        // y = concat(O_h)·Wo + bo
        return OutputProjection.Forward(heads, training);
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var weights = _weights ?? throw new InvalidOperationException("MultiHeadSelfAttention.Backward called before Forward.");
        int n = outputGradient.Rows, time = Time, width = Heads * KeyDim;
        var dropMask = _dropping ? _dropMask : null;
        // dO = dy·Woᵀ
        var gradHeads = OutputProjection.Backward(outputGradient);
        var dq = Tensor.Ensure(ref _gradQuery, n, time, width);
        var dk = Tensor.Ensure(ref _gradKey, n, time, width);
        var dv = Tensor.Ensure(ref _gradValue, n, time, width);
        for (int b = 0; b < n; b++)
            for (int h = 0; h < Heads; h++)
            {
                // dQ_h, dK_h, dV_h through softmax(Q_h·K_hᵀ/√d + M)·V_h
                Gather(_q, b, h, _attention.Query);
                Gather(_k, b, h, _attention.Key);
                Gather(_v, b, h, _attention.Value);
                Gather(gradHeads, b, h, _attention.OutputGradient);
                Block(weights, b, h).CopyTo(_attention.Weights);
                _attention.Backward(DropMask(dropMask, b, h));
                Scatter(_attention.QueryGradient, dq, b, h);
                Scatter(_attention.KeyGradient, dk, b, h);
                Scatter(_attention.ValueGradient, dv, b, h);
            }
        // dx = dQ·Wqᵀ + dK·Wkᵀ + dV·Wvᵀ
        var dx = Tensor.Ensure(ref _gradInput, n, InputShape);
        _query.Backward(dq).CopyTo(dx);
        TensorPrimitives.Add(dx.Span, _key.Backward(dk).Span, dx.Span);
        TensorPrimitives.Add(dx.Span, _value.Backward(dv).Span, dx.Span);
        return dx;
    }

    private Tensor? CheckedMask(int batch)
    {
        SequenceMask.Check(_mask, batch, Time, nameof(MultiHeadSelfAttention));
        return _mask;
    }

    private static ReadOnlySpan<float> KeyMask(Tensor? mask, int b) => mask is null ? default : mask.Row(b);

    private ReadOnlySpan<float> DropMask(Tensor? dropMask, int b, int h) => dropMask is null ? default : Block(dropMask, b, h);

    // The [time, time] block of head h of sample b in a [batch, heads, time, time] tensor.
    private Span<float> Block(Tensor t, int b, int h) => t.Span.Slice((b * Heads + h) * Time * Time, Time * Time);

    // m = [u ≥ p] / (1 − p) for every attention weight.
    private void FillDropMask(Span<float> mask)
    {
        float scale = 1f / (1f - DropoutRate);
        for (int i = 0; i < mask.Length; i++) mask[i] = _random!.NextFloat() >= DropoutRate ? scale : 0f;
    }

    // Head h of sample b of a [batch, time, heads·keyDim] tensor into a tight [time, keyDim] buffer.
    private void Gather(Tensor source, int b, int h, float[] destination)
    {
        int width = Heads * KeyDim;
        for (int t = 0; t < Time; t++)
            source.Span.Slice((b * Time + t) * width + h * KeyDim, KeyDim).CopyTo(destination.AsSpan(t * KeyDim, KeyDim));
    }

    // The reverse of Gather.
    private void Scatter(float[] source, Tensor destination, int b, int h)
    {
        int width = Heads * KeyDim;
        for (int t = 0; t < Time; t++)
            source.AsSpan(t * KeyDim, KeyDim).CopyTo(destination.Span.Slice((b * Time + t) * width + h * KeyDim, KeyDim));
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(MultiHeadSelfAttention))
        .Set("heads", Heads).Set("keyDim", KeyDim).Set("dropout", DropoutRate).Set("useBias", UseBias);

    internal static MultiHeadSelfAttention Create(LayerConfig config) =>
        new(config.GetInt("heads"), config.GetInt("keyDim"), config.GetFloat("dropout"), config.GetBool("useBias"));
}

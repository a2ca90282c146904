using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// A Transformer encoder block over sequences <c>[time, dModel]</c>, a composite of layers. Pre-norm (default):
/// h = x + Dropout(MHSA(LN₁(x))), y = h + Dropout(FFN(LN₂(h))); post-norm: h = LN₁(x + Dropout(MHSA(x))),
/// y = LN₂(h + Dropout(FFN(h))); FFN = Dense(feedForwardDim, GELU) → Dense(dModel). The padding mask goes to the
/// attention. Backward: each residual sum passes dy to both its branch and its shortcut, dx = dy + branchᵀ(dy).
/// </summary>
public sealed class TransformerEncoderBlock : Layer, ISequenceMaskConsumer
{
    private readonly MultiHeadSelfAttention _attention;
    private readonly LayerNormalization _norm1 = new(epsilon: 1e-5f), _norm2 = new(epsilon: 1e-5f);
    private readonly LayerSequence _attentionBranch, _feedForwardBranch;
    private Parameter[] _parameters = [];
    private Tensor? _hidden, _output, _gradHidden, _gradInput;

    /// <summary>Creates an unbuilt encoder block.</summary>
    /// <param name="dModel">Width of the sequences (the input's last dimension).</param>
    /// <param name="heads">Attention heads; must divide <paramref name="dModel"/> (each head has dModel/heads dimensions).</param>
    /// <param name="feedForwardDim">Hidden width of the feed-forward network.</param>
    /// <param name="dropout">Dropout rate on both branches' outputs while training (default 0.1).</param>
    /// <param name="normFirst">Pre-norm (true, default) or post-norm (false) residual blocks.</param>
    /// <param name="attentionDropout">Dropout rate on the attention weights while training (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, <paramref name="heads"/> does not divide <paramref name="dModel"/>, or a rate is not in [0, 1).</exception>
    public TransformerEncoderBlock(int dModel, int heads, int feedForwardDim, float dropout = 0.1f, bool normFirst = true, float attentionDropout = 0f)
    {
        if (dModel <= 0) throw new ArgumentOutOfRangeException(nameof(dModel), dModel, "TransformerEncoderBlock needs a positive dModel.");
        if (heads <= 0 || dModel % heads != 0)
            throw new ArgumentOutOfRangeException(nameof(heads), heads, $"TransformerEncoderBlock needs a positive number of heads that divides dModel = {dModel}.");
        if (feedForwardDim <= 0) throw new ArgumentOutOfRangeException(nameof(feedForwardDim), feedForwardDim, "TransformerEncoderBlock needs a positive feedForwardDim.");
        if (!(dropout >= 0f && dropout < 1f)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        DModel = dModel;
        Heads = heads;
        FeedForwardDim = feedForwardDim;
        DropoutRate = dropout;
        NormFirst = normFirst;
        AttentionDropout = attentionDropout;
        _attention = new MultiHeadSelfAttention(heads, dModel / heads, attentionDropout);
        var attentionParts = new List<(string, Layer)> { ("attention", _attention), ("attentionDropout", new Dropout(dropout)) };
        var feedForwardParts = new List<(string, Layer)>
        {
            ("feedForward1", new Dense(feedForwardDim, Activation.Gelu)), ("feedForward2", new Dense(dModel)), ("feedForwardDropout", new Dropout(dropout)),
        };
        if (normFirst)
        {
            attentionParts.Insert(0, ("norm1", _norm1));
            feedForwardParts.Insert(0, ("norm2", _norm2));
        }
        _attentionBranch = new LayerSequence([.. attentionParts]);
        _feedForwardBranch = new LayerSequence([.. feedForwardParts]);
    }

    /// <summary>Width of the sequences.</summary>
    public int DModel { get; }

    /// <summary>Attention heads.</summary>
    public int Heads { get; }

    /// <summary>Hidden width of the feed-forward network.</summary>
    public int FeedForwardDim { get; }

    /// <summary>Dropout rate on the branches' outputs.</summary>
    public float DropoutRate { get; }

    /// <summary>Whether layer normalisation comes before each branch (pre-norm) or after each residual sum (post-norm).</summary>
    public bool NormFirst { get; }

    /// <summary>Dropout rate on the attention weights.</summary>
    public float AttentionDropout { get; }

    /// <summary>The self-attention layer (for its weights and <see cref="MultiHeadSelfAttention.GetAttentionWeights"/>).</summary>
    public MultiHeadSelfAttention Attention => _attention;

    /// <summary>Every inner layer: the attention branch, the feed-forward branch, then (post-norm) the two normalisations.</summary>
    public IReadOnlyList<Layer> Layers => [.. _attentionBranch.Layers, .. _feedForwardBranch.Layers, .. NormFirst ? [] : new Layer[] { _norm1, _norm2 }];

    /// <summary>The attention branch A: (LN₁ when pre-norm), attention, dropout.</summary>
    internal IReadOnlyList<Layer> AttentionBranch => _attentionBranch.Layers;

    /// <summary>The feed-forward branch F: (LN₂ when pre-norm), Dense(GELU), Dense, dropout.</summary>
    internal IReadOnlyList<Layer> FeedForwardBranch => _feedForwardBranch.Layers;

    /// <summary>LN₁ and LN₂ (inside the branches when pre-norm, after the residual sums when post-norm).</summary>
    internal (LayerNormalization First, LayerNormalization Second) Norms => (_norm1, _norm2);

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public override IReadOnlyList<RandomSource> RandomSources => Layers.SelectMany(l => l.RandomSources).ToArray();

    /// <inheritdoc/>
    public void SetInputMask(Tensor? mask) => _attention.SetInputMask(mask);

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length != 2 || inputShape[1] != DModel)
            throw new ArgumentException($"TransformerEncoderBlock with dModel {DModel} expects sequences [time, {DModel}] but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        _attentionBranch.Build(nameof(TransformerEncoderBlock), inputShape, random);
        _feedForwardBranch.Build(nameof(TransformerEncoderBlock), inputShape, random);
        var norms = new LayerSequence(("norm1", _norm1), ("norm2", _norm2));
        if (!NormFirst) norms.Build(nameof(TransformerEncoderBlock), inputShape, random);
        _parameters = [.. _attentionBranch.Parameters, .. _feedForwardBranch.Parameters, .. NormFirst ? [] : norms.Parameters];
        return inputShape;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        // h = x + A(x), then LN₁ when post-norm ; y = h + F(h), then LN₂ when post-norm
        var hidden = Residual(input, _attentionBranch, ref _hidden, training);
        if (!NormFirst) hidden = _norm1.Forward(hidden, training);
        var y = Residual(hidden, _feedForwardBranch, ref _output, training);
        return NormFirst ? y : _norm2.Forward(y, training);
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        if (_hidden is null) throw new InvalidOperationException("TransformerEncoderBlock.Backward called before Forward.");
        var dy = NormFirst ? outputGradient : _norm2.Backward(outputGradient);
        // dh = dy + Fᵀ(dy)
        var dh = ResidualBackward(dy, _feedForwardBranch, ref _gradHidden);
        if (!NormFirst) dh = _norm1.Backward(dh);
        // dx = dh + Aᵀ(dh)
        return ResidualBackward(dh, _attentionBranch, ref _gradInput);
    }

    // s = x + branch(x)
    private static Tensor Residual(Tensor x, LayerSequence branch, ref Tensor? buffer, bool training)
    {
        var sum = Tensor.Ensure(ref buffer, x.Shape);
        TensorPrimitives.Add(x.Span, branch.Forward(x, training).Span, sum.Span);
        return sum;
    }

    // dx = ds + branchᵀ(ds)
    private static Tensor ResidualBackward(Tensor ds, LayerSequence branch, ref Tensor? buffer)
    {
        var dx = Tensor.Ensure(ref buffer, ds.Shape);
        TensorPrimitives.Add(ds.Span, branch.Backward(ds).Span, dx.Span);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(TransformerEncoderBlock))
        .Set("dModel", DModel).Set("heads", Heads).Set("feedForwardDim", FeedForwardDim).Set("dropout", DropoutRate)
        .Set("normFirst", NormFirst).Set("attentionDropout", AttentionDropout);

    internal static TransformerEncoderBlock Create(LayerConfig config) => new(
        config.GetInt("dModel"), config.GetInt("heads"), config.GetInt("feedForwardDim"), config.GetFloat("dropout"),
        config.GetBool("normFirst"), config.GetFloat("attentionDropout"));
}

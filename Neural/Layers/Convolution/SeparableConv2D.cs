namespace MLExt.Neural;

/// <summary>
/// Depthwise-separable convolution, a composite of two layers: a <see cref="DepthwiseConv2D"/> (one k×k filter
/// per channel and depth multiplier, no bias) then a pointwise 1×1 <see cref="Conv2D"/> mixing channels,
/// y = act(pointwise(depthwise(x))). It needs about k² times fewer weights than a full k×k convolution.
/// </summary>
public sealed class SeparableConv2D : Layer
{
    private readonly LayerSequence _inner;

    /// <summary>Creates an unbuilt separable convolution.</summary>
    /// <param name="filters">Output channels of the pointwise step.</param>
    /// <param name="kernelSize">Depthwise window height and width.</param>
    /// <param name="stride">Depthwise step between windows (default 1).</param>
    /// <param name="padding">Depthwise border handling (default <see cref="Padding.Valid"/>).</param>
    /// <param name="dilation">Depthwise spacing between taps (default 1).</param>
    /// <param name="depthMultiplier">Depthwise filters per input channel (default 1).</param>
    /// <param name="activation">Activation fused into the pointwise step.</param>
    /// <param name="useBias">Whether the pointwise step adds a bias.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public SeparableConv2D(int filters, Size2D kernelSize, Size2D? stride = null, Padding? padding = null, Size2D? dilation = null,
        int depthMultiplier = 1, Activation activation = Activation.None, bool useBias = true)
    {
        Depthwise = new DepthwiseConv2D(kernelSize, stride, padding, dilation, depthMultiplier, useBias: false, kernelInitializer: new GlorotUniform());
        Pointwise = new Conv2D(filters, 1, activation: activation, useBias: useBias);
        _inner = new LayerSequence(("depthwise", Depthwise), ("pointwise", Pointwise));
    }

    /// <summary>The depthwise step.</summary>
    public DepthwiseConv2D Depthwise { get; }

    /// <summary>The pointwise (1×1) step.</summary>
    public Conv2D Pointwise { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _inner.Parameters;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random) => _inner.Build(nameof(SeparableConv2D), inputShape, random);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        return _inner.Forward(input, training); // y = pointwise(depthwise(x))
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => _inner.Backward(outputGradient); // dx = depthwiseᵀ(pointwiseᵀ(dy))

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(SeparableConv2D))
        .Set("filters", Pointwise.Filters).Set("kernelSize", Depthwise.KernelSize.ToArray()).Set("stride", Depthwise.Stride.ToArray())
        .Set("padding", Depthwise.Padding.ToString()).Set("dilation", Depthwise.Dilation.ToArray())
        .Set("depthMultiplier", Depthwise.DepthMultiplier).Set("activation", Pointwise.Activation).Set("useBias", Pointwise.UseBias);

    internal static SeparableConv2D Create(LayerConfig config) => new(
        config.GetInt("filters"), Size2D.FromArray(config.GetInts("kernelSize")), Size2D.FromArray(config.GetInts("stride")),
        Padding.Parse(config.GetString("padding")), Size2D.FromArray(config.GetInts("dilation")), config.GetInt("depthMultiplier"),
        config.GetEnum<Activation>("activation"), config.GetBool("useBias"));
}

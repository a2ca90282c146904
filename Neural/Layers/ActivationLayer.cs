namespace MLExt.Neural;

/// <summary>A stand-alone activation: y = f(x) element-wise (softmax over the last dimension); dx = f'(x)ᵀ·dy.</summary>
public sealed class ActivationLayer : Layer
{
    private readonly ActivationFunction _function;
    private Tensor? _input, _output, _gradInput;

    /// <summary>Creates an activation layer; <paramref name="alpha"/> is LeakyReLU's/ELU's slope (NaN: default).</summary>
    public ActivationLayer(Activation activation, float alpha = float.NaN)
    {
        _function = ActivationFunction.Create(activation, alpha);
        Activation = activation;
        Alpha = alpha;
    }

    /// <summary>The activation applied.</summary>
    public Activation Activation { get; }

    /// <summary>α for LeakyReLU/ELU (NaN: their default).</summary>
    public float Alpha { get; }

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape) => inputShape;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        var y = Tensor.Ensure(ref _output, input.Shape);
        _function.Forward(input.Span, y.Span, LastDimension);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("ActivationLayer.Backward called before Forward.");
        var dx = Tensor.Ensure(ref _gradInput, input.Shape);
        _function.Backward(input.Span, _output!.Span, outputGradient.Span, dx.Span, LastDimension);
        return dx;
    }

    private int LastDimension => InputShape.Length == 0 ? 1 : InputShape[^1];

    /// <inheritdoc/>
    public override LayerConfig GetConfig()
    {
        var config = new LayerConfig(nameof(ActivationLayer)).Set("activation", Activation);
        if (!float.IsNaN(Alpha)) config.Set("alpha", Alpha);
        return config;
    }

    internal static ActivationLayer Create(LayerConfig config) =>
        new(config.GetEnum<Activation>("activation"), config.Has("alpha") ? config.GetFloat("alpha") : float.NaN);
}

using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// What <see cref="Conv2D"/> and <see cref="DepthwiseConv2D"/> share: the window settings, a kernel W and an optional
/// bias b per output channel, and a fused activation, y = act(z) with dz = act'(z) ⊙ dy.
/// </summary>
public abstract class ConvolutionLayer : Layer
{
    private Parameter? _kernel, _bias;
    private Parameter[] _parameters = [];
    private ActivationFunction _activation = null!;
    private Tensor? _preActivation, _output, _gradPre;
    private int _rowLength; // the output width: softmax normalises each output row

    private protected ConvolutionLayer(Size2D kernelSize, Size2D? stride, Padding? padding, Size2D? dilation, Activation activation,
        bool useBias, Initializer? kernelInitializer, Initializer? biasInitializer, float activationAlpha)
    {
        KernelSize = kernelSize.CheckPositive(nameof(kernelSize));
        Stride = (stride ?? 1).CheckPositive(nameof(stride));
        Dilation = (dilation ?? 1).CheckPositive(nameof(dilation));
        Padding = padding ?? Padding.Valid;
        Activation = activation;
        ActivationAlpha = activationAlpha;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? InitializerDefaults.For(activation);
        BiasInitializer = biasInitializer ?? new Zeros();
    }

    /// <summary>Window height and width.</summary>
    public Size2D KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public Size2D Stride { get; }

    /// <summary>Spacing between window taps.</summary>
    public Size2D Dilation { get; }

    /// <summary>Border handling.</summary>
    public Padding Padding { get; }

    /// <summary>The fused activation.</summary>
    public Activation Activation { get; }

    /// <summary>α for LeakyReLU/ELU (NaN: their default).</summary>
    public float ActivationAlpha { get; }

    /// <summary>Whether the layer adds a bias per output channel.</summary>
    public bool UseBias { get; }

    /// <summary>How W is initialised (He for ReLU-like activations, Glorot otherwise, by default).</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>How b is initialised (zeros by default).</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>The kernel W, in ONNX's <c>[outputChannels, inputChannels / groups, kernelH, kernelW]</c> layout.</summary>
    public Parameter Kernel => _kernel ?? throw new InvalidOperationException($"{TypeName} is not built.");

    /// <summary>b <c>[outputChannels]</c>, or null without bias.</summary>
    public Parameter? Bias => _bias;

    /// <summary>Padding rows above and columns left of the image, resolved at build (for export).</summary>
    public (int Top, int Left) ResolvedPadding => (Geometry.PadTop, Geometry.PadLeft);

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    private protected ConvGeometry Geometry { get; private set; }

    /// <summary>
    /// Resolves the geometry for an image input and creates W <paramref name="kernelShape"/> = [outputs, inputs per output, kH, kW]
    /// (fan-in: one output's taps) and b [outputs]; returns the output shape.
    /// </summary>
    private protected int[] Create(int[] inputShape, int[] kernelShape, int fanOut, RandomSource random)
    {
        var (channels, height, width) = ImageInput.Dimensions(TypeName, inputShape);
        var geometry = ConvGeometry.Create(TypeName, channels, height, width, KernelSize, Stride, Dilation, Padding);
        return Create(geometry, kernelShape, kernelShape[0], [kernelShape[0], geometry.OutputHeight, geometry.OutputWidth], fanOut, random);
    }

    /// <summary>
    /// Keeps <paramref name="geometry"/> and creates W <paramref name="kernelShape"/> (fan-in: the product of its
    /// dimensions after the first) and b [<paramref name="outputChannels"/>]; returns <paramref name="outputShape"/>.
    /// </summary>
    private protected int[] Create(ConvGeometry geometry, int[] kernelShape, int outputChannels, int[] outputShape, int fanOut,
        RandomSource random)
    {
        Geometry = geometry;
        _rowLength = outputShape[^1];
        int fanIn = Tensor.Product(kernelShape.AsSpan(1));
        _kernel = new Parameter("kernel", kernelShape, isWeight: true);
        KernelInitializer.Fill(_kernel.Value.Span, fanIn, fanOut, random);
        if (UseBias)
        {
            _bias = new Parameter("bias", [outputChannels], isWeight: false);
            BiasInitializer.Fill(_bias.Value.Span, fanIn, fanOut, random);
        }
        _parameters = _bias is null ? [_kernel] : [_kernel, _bias];
        _activation = ActivationFunction.Create(Activation, ActivationAlpha);
        return outputShape;
    }

    /// <summary>The pre-activation buffer z for a batch of <paramref name="n"/>.</summary>
    private protected Tensor PreActivation(int n) => Tensor.Ensure(ref _preActivation, n, OutputShape);

    /// <summary>y = act(z) (z itself without an activation).</summary>
    private protected Tensor Activate(Tensor z)
    {
        if (Activation == Activation.None) return z;
        var y = Tensor.Ensure(ref _output, z.Shape);
        _activation.Forward(z.Span, y.Span, _rowLength);
        return y;
    }

    /// <summary>dz = act'(z) ⊙ dy (dy itself without an activation).</summary>
    private protected Tensor ActivationGradient(Tensor outputGradient)
    {
        if (Activation == Activation.None) return outputGradient;
        var dz = Tensor.Ensure(ref _gradPre, outputGradient.Shape);
        _activation.Backward(_preActivation!.Span, _output!.Span, outputGradient.Span, dz.Span, _rowLength);
        return dz;
    }

    /// <summary>A configuration holding the shared settings.</summary>
    private protected LayerConfig Config()
    {
        var config = new LayerConfig(TypeName)
            .Set("kernelSize", KernelSize.ToArray()).Set("stride", Stride.ToArray()).Set("padding", Padding.ToString())
            .Set("dilation", Dilation.ToArray()).Set("activation", Activation).Set("useBias", UseBias)
            .Set("kernelInitializer", KernelInitializer.ToString()).Set("biasInitializer", BiasInitializer.ToString());
        if (!float.IsNaN(ActivationAlpha)) config.Set("activationAlpha", ActivationAlpha);
        return config;
    }

    /// <summary>The shared settings read back from <see cref="Config"/>'s form.</summary>
    private protected record struct Settings(Size2D KernelSize, Size2D Stride, Padding Padding, Size2D Dilation, Activation Activation,
        bool UseBias, Initializer KernelInitializer, Initializer BiasInitializer, float ActivationAlpha)
    {
        public static Settings Read(LayerConfig config) => new(
            Size2D.FromArray(config.GetInts("kernelSize")), Size2D.FromArray(config.GetInts("stride")), Neural.Padding.Parse(config.GetString("padding")),
            Size2D.FromArray(config.GetInts("dilation")), config.GetEnum<Activation>("activation"), config.GetBool("useBias"),
            Initializer.Parse(config.GetString("kernelInitializer")), Initializer.Parse(config.GetString("biasInitializer")),
            config.Has("activationAlpha") ? config.GetFloat("activationAlpha") : float.NaN);
    }
}

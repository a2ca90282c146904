using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// A ResNet basic block, a composite of layers: y = relu(F(x) + S(x)) with
/// F = conv(k, stride) → batch norm → relu → conv(k) → batch norm (convolutions with 'same' padding and no bias)
/// and S the identity or a 1×1 convolution with the stride followed by batch norm (see <see cref="ResidualShortcut"/>).
/// Backward: g = relu'(·) ⊙ dy, dx = Fᵀ(g) + Sᵀ(g).
/// </summary>
public sealed class ResidualBlock : Layer
{
    private readonly LayerSequence _main;
    private LayerSequence? _projection;
    private readonly ActivationFunction _relu = ActivationFunction.Create(Activation.Relu);
    private Parameter[] _parameters = [], _states = [];
    private Tensor? _sum, _output, _gradSum, _gradInput;

    /// <summary>Creates an unbuilt residual block.</summary>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernelSize">Window of both convolutions (default 3).</param>
    /// <param name="stride">Stride of the first convolution and of the projection (default 1).</param>
    /// <param name="shortcut">The shortcut path (default <see cref="ResidualShortcut.Auto"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public ResidualBlock(int filters, Size2D? kernelSize = null, Size2D? stride = null, ResidualShortcut shortcut = ResidualShortcut.Auto)
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), filters, "ResidualBlock needs at least one filter.");
        Filters = filters;
        KernelSize = (kernelSize ?? 3).CheckPositive(nameof(kernelSize));
        Stride = (stride ?? 1).CheckPositive(nameof(stride));
        Shortcut = shortcut;
        _main = new LayerSequence(
            ("conv1", new Conv2D(filters, KernelSize, Stride, Padding.Same, useBias: false, kernelInitializer: new HeNormal())),
            ("bn1", new BatchNormalization()),
            ("relu1", new ActivationLayer(Activation.Relu)),
            ("conv2", new Conv2D(filters, KernelSize, padding: Padding.Same, useBias: false, kernelInitializer: new HeNormal())),
            ("bn2", new BatchNormalization()));
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Window of both convolutions.</summary>
    public Size2D KernelSize { get; }

    /// <summary>Stride of the first convolution and of the projection.</summary>
    public Size2D Stride { get; }

    /// <summary>The requested shortcut path.</summary>
    public ResidualShortcut Shortcut { get; }

    /// <summary>The residual branch F, in order.</summary>
    public IReadOnlyList<Layer> MainPath => _main.Layers;

    /// <summary>The projection (1×1 convolution then batch norm) once built, or empty for an identity shortcut.</summary>
    public IReadOnlyList<Layer> ShortcutPath => _projection?.Layers ?? [];

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> States => _states;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        ImageInput.Dimensions(nameof(ResidualBlock), inputShape);
        var output = _main.Build(nameof(ResidualBlock), inputShape, random);
        bool keepsShape = Tensor.SameShape(inputShape, output);
        if (Shortcut == ResidualShortcut.Identity && !keepsShape)
            throw new ArgumentException($"ResidualBlock with an identity shortcut must keep the shape, but maps {Tensor.FormatShape(inputShape)} to {Tensor.FormatShape(output)}; use ResidualShortcut.Projection or Auto.", nameof(inputShape));
        if (Shortcut == ResidualShortcut.Projection || !keepsShape)
        {
            _projection = new LayerSequence(
                ("projection", new Conv2D(Filters, 1, Stride, Padding.Valid, useBias: false, kernelInitializer: new HeNormal())),
                ("projectionBn", new BatchNormalization()));
            _projection.Build(nameof(ResidualBlock), inputShape, random); // ⌈size / stride⌉, like the 'same' branch
        }
        _parameters = [.. _main.Parameters, .. _projection?.Parameters ?? []];
        _states = [.. _main.States, .. _projection?.States ?? []];
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        // s = F(x) + S(x) ; y = relu(s)
        var sum = Tensor.Ensure(ref _sum, input.Rows, OutputShape);
        _main.Forward(input, training).CopyTo(sum);
        var shortcut = _projection?.Forward(input, training) ?? input;
        TensorPrimitives.Add(sum.Span, shortcut.Span, sum.Span);
        var y = Tensor.Ensure(ref _output, sum.Shape);
        _relu.Forward(sum.Span, y.Span, 1);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var sum = _sum ?? throw new InvalidOperationException("ResidualBlock.Backward called before Forward.");
        // g = relu'(s) ⊙ dy ; dx = Fᵀ(g) + Sᵀ(g)
        var g = Tensor.Ensure(ref _gradSum, sum.Shape);
        _relu.Backward(sum.Span, _output!.Span, outputGradient.Span, g.Span, 1);
        var dx = Tensor.Ensure(ref _gradInput, g.Rows, InputShape);
        _main.Backward(g).CopyTo(dx);
        var shortcut = _projection?.Backward(g) ?? g;
        TensorPrimitives.Add(dx.Span, shortcut.Span, dx.Span);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(ResidualBlock))
        .Set("filters", Filters).Set("kernelSize", KernelSize.ToArray()).Set("stride", Stride.ToArray()).Set("shortcut", Shortcut);

    internal static ResidualBlock Create(LayerConfig config) => new(
        config.GetInt("filters"), Size2D.FromArray(config.GetInts("kernelSize")), Size2D.FromArray(config.GetInts("stride")),
        config.GetEnum<ResidualShortcut>("shortcut"));
}

using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Depthwise 2-D convolution: each input channel c is convolved with its own <c>depthMultiplier</c> filters,
/// y[c·M + m, oy, ox] = act(b[c·M + m] + Σ_{ky, kx} W[c·M + m, 0, ky, kx] · x[c, oy·s − pad + ky·d, ox·s − pad + kx·d]),
/// with W <c>[channels·M, 1, kernelH, kernelW]</c> (ONNX's grouped-convolution layout with groups = channels).
/// Computed directly (one multiply-add per tap and output row), which beats im2col when each filter sees one channel.
/// </summary>
public sealed class DepthwiseConv2D : Layer
{
    private Parameter? _kernel, _bias;
    private ActivationFunction _activation = null!;
    private ConvGeometry _g;
    private (int Output, int Input, int Length)[][] _segments = []; // per tap: output-row runs that read inside the image
    private Tensor? _input, _preActivation, _output, _gradPre, _gradInput;

    /// <summary>Creates an unbuilt depthwise convolution.</summary>
    /// <param name="kernelSize">Window height and width.</param>
    /// <param name="stride">Step between windows (default 1).</param>
    /// <param name="padding">Border handling (default <see cref="Padding.Valid"/>).</param>
    /// <param name="dilation">Spacing between window taps (default 1).</param>
    /// <param name="depthMultiplier">Filters per input channel (default 1).</param>
    /// <param name="activation">Fused activation.</param>
    /// <param name="useBias">Whether to add a bias per output channel.</param>
    /// <param name="kernelInitializer">How W is initialised (He for ReLU-like activations, Glorot otherwise).</param>
    /// <param name="biasInitializer">How b is initialised (zeros).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or the multiplier is not positive.</exception>
    public DepthwiseConv2D(Size2D kernelSize, Size2D? stride = null, Padding? padding = null, Size2D? dilation = null, int depthMultiplier = 1,
        Activation activation = Activation.None, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null)
    {
        if (depthMultiplier <= 0) throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier, "depthMultiplier must be at least 1.");
        KernelSize = kernelSize.CheckPositive(nameof(kernelSize));
        Stride = (stride ?? 1).CheckPositive(nameof(stride));
        Dilation = (dilation ?? 1).CheckPositive(nameof(dilation));
        Padding = padding ?? Padding.Valid;
        DepthMultiplier = depthMultiplier;
        Activation = activation;
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

    /// <summary>Filters per input channel.</summary>
    public int DepthMultiplier { get; }

    /// <summary>The fused activation.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layer adds a bias per output channel.</summary>
    public bool UseBias { get; }

    /// <summary>How W is initialised.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>How b is initialised.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>W <c>[channels·M, 1, kernelH, kernelW]</c>.</summary>
    public Parameter Kernel => _kernel ?? throw new InvalidOperationException("DepthwiseConv2D is not built.");

    /// <summary>b <c>[channels·M]</c>, or null without bias.</summary>
    public Parameter? Bias => _bias;

    /// <summary>Padding rows above and columns left of the image, resolved at build (for export).</summary>
    public (int Top, int Left) ResolvedPadding => (_g.PadTop, _g.PadLeft);

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _bias is null ? [Kernel] : [Kernel, _bias];

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var (channels, height, width) = ImageInput.Dimensions(nameof(DepthwiseConv2D), inputShape);
        _g = ConvGeometry.Create(nameof(DepthwiseConv2D), channels, height, width, KernelSize, Stride, Dilation, Padding);
        int outputs = channels * DepthMultiplier;
        _kernel = new Parameter("kernel", [outputs, 1, KernelSize.Height, KernelSize.Width], isWeight: true);
        KernelInitializer.Fill(_kernel.Value.Span, _g.KernelArea, DepthMultiplier * _g.KernelArea, random);
        if (UseBias)
        {
            _bias = new Parameter("bias", [outputs], isWeight: false);
            BiasInitializer.Fill(_bias.Value.Span, _g.KernelArea, DepthMultiplier * _g.KernelArea, random);
        }
        _activation = ActivationFunction.Create(Activation);
        _segments = new (int, int, int)[_g.KernelArea][];
        for (int ky = 0; ky < _g.KernelHeight; ky++)
            for (int kx = 0; kx < _g.KernelWidth; kx++)
            {
                var (start, end) = _g.ValidColumns(kx);
                var runs = new List<(int, int, int)>();
                for (int oy = 0; oy < _g.OutputHeight && start < end; oy++)
                {
                    int iy = _g.InputRow(oy, ky);
                    if ((uint)iy < (uint)_g.Height) runs.Add((oy * _g.OutputWidth + start, iy * _g.Width + _g.InputColumn(start, kx), end - start));
                }
                _segments[ky * _g.KernelWidth + kx] = [.. runs];
            }
        return [outputs, _g.OutputHeight, _g.OutputWidth];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        int n = input.Rows, outputs = OutputShape[0], plane = _g.OutputPlane, stride = _g.StrideWidth;
        var z = Tensor.Ensure(ref _preActivation, n, OutputShape);
        var w = Kernel.Value.Span;
        for (int s = 0; s < n; s++)
            for (int o = 0; o < outputs; o++)
            {
                var x = input.Row(s).Slice(o / DepthMultiplier * _g.InputPlane, _g.InputPlane);
                var y = z.Row(s).Slice(o * plane, plane);
                y.Fill(_bias is null ? 0f : _bias.Value[o]);
                for (int tap = 0; tap < _segments.Length; tap++)
                {
                    // y[oy, ox] += W[o, tap] · x[iy, ix]
                    float weight = w[o * _segments.Length + tap];
                    foreach (var (output, inputStart, length) in _segments[tap])
                    {
                        var target = y.Slice(output, length);
                        if (stride == 1) TensorPrimitives.MultiplyAdd(x.Slice(inputStart, length), weight, target, target);
                        else for (int i = 0; i < length; i++) target[i] += weight * x[inputStart + i * stride];
                    }
                }
            }
        if (Activation == Activation.None) return z;
        // y = act(z)
        var result = Tensor.Ensure(ref _output, z.Shape);
        _activation.Forward(z.Span, result.Span, _g.OutputWidth);
        return result;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("DepthwiseConv2D.Backward called before Forward.");
        int n = input.Rows, outputs = OutputShape[0], plane = _g.OutputPlane, stride = _g.StrideWidth;
        var dz = outputGradient;
        if (Activation != Activation.None)
        {
            // dz = act'(z) ⊙ dy
            dz = Tensor.Ensure(ref _gradPre, outputGradient.Shape);
            _activation.Backward(_preActivation!.Span, _output!.Span, outputGradient.Span, dz.Span, _g.OutputWidth);
        }
        var dx = Tensor.Ensure(ref _gradInput, input.Shape);
        dx.Clear();
        var w = Kernel.Value.Span;
        var dw = Kernel.Gradient.Span;
        for (int s = 0; s < n; s++)
            for (int o = 0; o < outputs; o++)
            {
                int channelStart = o / DepthMultiplier * _g.InputPlane;
                var x = input.Row(s).Slice(channelStart, _g.InputPlane);
                var dxc = dx.Row(s).Slice(channelStart, _g.InputPlane);
                var g = dz.Row(s).Slice(o * plane, plane);
                if (_bias is not null) _bias.Gradient[o] += TensorPrimitives.Sum(g); // db[o] += Σ dz[o]
                for (int tap = 0; tap < _segments.Length; tap++)
                {
                    // dW[o, tap] += Σ dz[oy, ox] · x[iy, ix] ;  dx[iy, ix] += W[o, tap] · dz[oy, ox]
                    float weight = w[o * _segments.Length + tap];
                    double sum = 0;
                    foreach (var (output, inputStart, length) in _segments[tap])
                    {
                        var source = g.Slice(output, length);
                        if (stride == 1)
                        {
                            sum += TensorPrimitives.Dot(source, x.Slice(inputStart, length));
                            var target = dxc.Slice(inputStart, length);
                            TensorPrimitives.MultiplyAdd(source, weight, target, target);
                        }
                        else
                            for (int i = 0; i < length; i++)
                            {
                                sum += source[i] * x[inputStart + i * stride];
                                dxc[inputStart + i * stride] += weight * source[i];
                            }
                    }
                    dw[o * _segments.Length + tap] += (float)sum;
                }
            }
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(DepthwiseConv2D))
        .Set("kernelSize", KernelSize.ToArray()).Set("stride", Stride.ToArray()).Set("padding", Padding.ToString())
        .Set("dilation", Dilation.ToArray()).Set("depthMultiplier", DepthMultiplier).Set("activation", Activation).Set("useBias", UseBias)
        .Set("kernelInitializer", KernelInitializer.ToString()).Set("biasInitializer", BiasInitializer.ToString());

    internal static DepthwiseConv2D Create(LayerConfig config) => new(
        Size2D.FromArray(config.GetInts("kernelSize")), Size2D.FromArray(config.GetInts("stride")), Padding.Parse(config.GetString("padding")),
        Size2D.FromArray(config.GetInts("dilation")), config.GetInt("depthMultiplier"), config.GetEnum<Activation>("activation"), config.GetBool("useBias"),
        Initializer.Parse(config.GetString("kernelInitializer")), Initializer.Parse(config.GetString("biasInitializer")));
}

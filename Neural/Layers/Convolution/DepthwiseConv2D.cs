using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Depthwise 2-D convolution: each input channel c is convolved with its own <c>depthMultiplier</c> filters,
/// y[c·M + m, oy, ox] = act(b[c·M + m] + Σ_{ky, kx} W[c·M + m, 0, ky, kx] · x[c, oy·s − pad + ky·d, ox·s − pad + kx·d]),
/// with W <c>[channels·M, 1, kernelH, kernelW]</c> (ONNX's grouped-convolution layout with groups = channels).
/// Computed directly (one multiply-add per tap and output row), which beats im2col when each filter sees one channel.
/// </summary>
public sealed class DepthwiseConv2D : ConvolutionLayer
{
    private (int Output, int Input, int Length)[][] _segments = []; // per tap: output-row runs that read inside the image
    private Tensor? _input, _gradInput;

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
    /// <param name="activationAlpha">α for LeakyReLU/ELU (NaN: their default).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or the multiplier is not positive.</exception>
    public DepthwiseConv2D(Size2D kernelSize, Size2D? stride = null, Padding? padding = null, Size2D? dilation = null, int depthMultiplier = 1,
        Activation activation = Activation.None, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        float activationAlpha = float.NaN)
        : base(kernelSize, stride, padding, dilation, activation, useBias, kernelInitializer, biasInitializer, activationAlpha)
    {
        if (depthMultiplier <= 0) throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier, "depthMultiplier must be at least 1.");
        DepthMultiplier = depthMultiplier;
    }

    /// <summary>Filters per input channel.</summary>
    public int DepthMultiplier { get; }

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        int channels = ImageInput.Dimensions(nameof(DepthwiseConv2D), inputShape).Channels;
        var output = Create(inputShape, [channels * DepthMultiplier, 1, KernelSize.Height, KernelSize.Width], DepthMultiplier * KernelSize.Height * KernelSize.Width, random);
        var g = Geometry;
        _segments = new (int, int, int)[g.KernelArea][];
        for (int ky = 0; ky < g.KernelHeight; ky++)
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                var (start, end) = g.ValidColumns(kx);
                var runs = new List<(int, int, int)>();
                for (int oy = 0; oy < g.OutputHeight && start < end; oy++)
                {
                    int iy = g.InputRow(oy, ky);
                    if ((uint)iy < (uint)g.Height) runs.Add((oy * g.OutputWidth + start, iy * g.Width + g.InputColumn(start, kx), end - start));
                }
                _segments[ky * g.KernelWidth + kx] = [.. runs];
            }
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        int n = input.Rows, outputs = OutputShape[0], plane = Geometry.OutputPlane, stride = Geometry.StrideWidth, inputPlane = Geometry.InputPlane;
        var z = PreActivation(n);
        var w = Kernel.Value.Span;
        for (int s = 0; s < n; s++)
            for (int o = 0; o < outputs; o++)
            {
                var x = input.Row(s).Slice(o / DepthMultiplier * inputPlane, inputPlane);
                var y = z.Row(s).Slice(o * plane, plane);
                y.Fill(Bias is null ? 0f : Bias.Value[o]);
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
        return Activate(z); // y = act(z)
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("DepthwiseConv2D.Backward called before Forward.");
        int n = input.Rows, outputs = OutputShape[0], plane = Geometry.OutputPlane, stride = Geometry.StrideWidth, inputPlane = Geometry.InputPlane;
        var dz = ActivationGradient(outputGradient); // dz = act'(z) ⊙ dy
        var dx = Tensor.Ensure(ref _gradInput, input.Shape);
        dx.Clear();
        var w = Kernel.Value.Span;
        var dw = Kernel.Gradient.Span;
        for (int s = 0; s < n; s++)
            for (int o = 0; o < outputs; o++)
            {
                int channelStart = o / DepthMultiplier * inputPlane;
                var x = input.Row(s).Slice(channelStart, inputPlane);
                var dxc = dx.Row(s).Slice(channelStart, inputPlane);
                var g = dz.Row(s).Slice(o * plane, plane);
                if (Bias is not null) Bias.Gradient[o] += TensorPrimitives.Sum(g); // db[o] += Σ dz[o]
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
    public override LayerConfig GetConfig() => Config().Set("depthMultiplier", DepthMultiplier);

    internal static DepthwiseConv2D Create(LayerConfig config)
    {
        var s = Settings.Read(config);
        return new(s.KernelSize, s.Stride, s.Padding, s.Dilation, config.GetInt("depthMultiplier"), s.Activation, s.UseBias,
            s.KernelInitializer, s.BiasInitializer, s.ActivationAlpha);
    }
}

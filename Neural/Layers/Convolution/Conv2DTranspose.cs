using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Transposed 2-D convolution (the gradient of <see cref="Conv2D"/> with respect to its input, used to upsample):
/// every input pixel x[c, iy, ix] adds W[c, f, ky, kx]·x[c, iy, ix] to y[f, iy·s − pad + ky·d, ix·s − pad + kx·d],
/// then y = act(y + b[f]). W is <c>[channels, filters, kernelH, kernelW]</c> (ONNX's ConvTranspose layout). The output
/// is (in − 1)·s + (k − 1)·d + 1 − padBefore − padAfter + outputPadding per axis; <see cref="Padding.Same"/> pads
/// (k − 1)·d + 1 − s in all, so that the output is in·s + outputPadding. Computed as GEMM + col2im over several images
/// at once (columns = Wᵀ·X, y = col2im(columns)), and backward as im2col + GEMM.
/// </summary>
public sealed class Conv2DTranspose : ConvolutionLayer
{
    private const int MaxColumnValues = 1 << 21; // column buffer size (8 MB) that bounds the images per GEMM

    private Tensor? _input, _gradInput;
    private float[] _columns = [], _packed = [];

    /// <summary>Creates an unbuilt transposed convolution.</summary>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernelSize">Window height and width.</param>
    /// <param name="stride">Upsampling factor: step between the windows input pixels write (default 1).</param>
    /// <param name="padding">Rows and columns cropped from the full output (default <see cref="Padding.Valid"/>: none).</param>
    /// <param name="outputPadding">Rows and columns added at the bottom and right, each below the stride (default 0).</param>
    /// <param name="dilation">Spacing between window taps (default 1).</param>
    /// <param name="activation">Fused activation applied to the output.</param>
    /// <param name="useBias">Whether to add a bias per filter.</param>
    /// <param name="kernelInitializer">How W is initialised (He for ReLU-like activations, Glorot otherwise).</param>
    /// <param name="biasInitializer">How b is initialised (zeros).</param>
    /// <param name="activationAlpha">α for LeakyReLU/ELU (NaN: their default).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the output padding is negative or not below the stride.</exception>
    public Conv2DTranspose(int filters, Size2D kernelSize, Size2D? stride = null, Padding? padding = null, Size2D? outputPadding = null,
        Size2D? dilation = null, Activation activation = Activation.None, bool useBias = true, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, float activationAlpha = float.NaN)
        : base(kernelSize, stride, padding, dilation, activation, useBias, kernelInitializer, biasInitializer, activationAlpha)
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), filters, "Conv2DTranspose needs at least one filter.");
        var extra = outputPadding ?? new Size2D(0, 0);
        if (extra.Height < 0 || extra.Width < 0 || extra.Height >= Stride.Height || extra.Width >= Stride.Width)
            throw new ArgumentOutOfRangeException(nameof(outputPadding), extra,
                $"Conv2DTranspose: outputPadding must be at least 0 and below the stride ({Stride}) in both directions.");
        Filters = filters;
        OutputPadding = extra;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Rows and columns added at the bottom and right of the output.</summary>
    public Size2D OutputPadding { get; }

    /// <summary>Padding rows below and columns right of the image, resolved at build (for export).</summary>
    public (int Bottom, int Right) ResolvedEndPadding { get; private set; }

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var (channels, height, width) = ImageInput.Dimensions(TypeName, inputShape);
        var (top, bottom, outputHeight) = Axis(height, KernelSize.Height, Stride.Height, Dilation.Height, OutputPadding.Height, vertical: true);
        var (left, right, outputWidth) = Axis(width, KernelSize.Width, Stride.Width, Dilation.Width, OutputPadding.Width, vertical: false);
        if (outputHeight < 1 || outputWidth < 1)
            throw new ArgumentException(
                $"Conv2DTranspose: padding '{Padding}' crops the whole {outputHeight + top + bottom}×{outputWidth + left + right} output of a {height}×{width} image.",
                nameof(inputShape));
        ResolvedEndPadding = (bottom, right);
        // The convolution whose input gradient this layer computes: it reads the output image and writes the input one.
        var geometry = new ConvGeometry(Filters, outputHeight, outputWidth, KernelSize.Height, KernelSize.Width, Stride.Height, Stride.Width,
            Dilation.Height, Dilation.Width, top, left, height, width);
        return Create(geometry, [channels, Filters, KernelSize.Height, KernelSize.Width], Filters, [Filters, outputHeight, outputWidth],
            channels * KernelSize.Height * KernelSize.Width, random);
    }

    /// <summary>The padding before and after one axis and the output size along it.</summary>
    private (int Before, int After, int Output) Axis(int size, int kernel, int stride, int dilation, int extra, bool vertical)
    {
        int window = (kernel - 1) * dilation + 1;
        // 'same' resolves as for the convolution from size·stride back to size: (k − 1)·d + 1 − s in all, the odd one after.
        var (before, after) = Padding.Resolve(size * stride, window, stride, vertical);
        return (before, after, (size - 1) * stride + window - before - after + extra);
    }

    private int ColumnRows => Filters * Geometry.KernelArea;
    private int Channels => Kernel.Value.Shape[0];

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        int n = input.Rows, plane = Geometry.OutputPlane, outputPlane = Geometry.InputPlane;
        var z = PreActivation(n);
        z.Clear();
        int chunk = ChunkSize(n);
        for (int first = 0; first < n; first += chunk)
        {
            int count = Math.Min(chunk, n - first);
            // columns = Wᵀ · X ; z = col2im(columns)
            Pack(input, first, count);
            Gemm.Multiply(transposeA: true, transposeB: false, ColumnRows, count * plane, Channels, Kernel.Value.Data, _packed, _columns, accumulate: false);
            for (int s = 0; s < count; s++)
                Im2Col.FoldAdd(_columns, Geometry, 0, Filters, count * plane, s * plane, z.Row(first + s));
        }
        if (Bias is { } bias)
            for (int s = 0; s < n; s++)
                for (int f = 0; f < Filters; f++)
                {
                    var channel = z.Row(s).Slice(f * outputPlane, outputPlane);
                    TensorPrimitives.Add(channel, bias.Value[f], channel); // z += b[f]
                }
        return Activate(z); // y = act(z)
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => Backward(outputGradient, inputGradient: true)!;

    /// <inheritdoc/>
    internal override void BackwardParametersOnly(Tensor outputGradient) => Backward(outputGradient, inputGradient: false);

    private Tensor? Backward(Tensor outputGradient, bool inputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Conv2DTranspose.Backward called before Forward.");
        int n = input.Rows, plane = Geometry.OutputPlane, outputPlane = Geometry.InputPlane;
        var dz = ActivationGradient(outputGradient); // dz = act'(z) ⊙ dy
        var dx = inputGradient ? Tensor.Ensure(ref _gradInput, input.Shape) : null;
        int chunk = ChunkSize(n);
        for (int first = 0; first < n; first += chunk)
        {
            int count = Math.Min(chunk, n - first);
            // dcolumns = im2col(dz)
            for (int s = 0; s < count; s++)
                Im2Col.Unfold(dz.Row(first + s), Geometry, 0, Filters, _columns, count * plane, s * plane);
            // dW += X · dcolumnsᵀ
            Pack(input, first, count);
            Gemm.Multiply(transposeA: false, transposeB: true, Channels, ColumnRows, count * plane, _packed, _columns, Kernel.Gradient.Data, accumulate: true);
            if (dx is null) continue;
            // dX = W · dcolumns
            Gemm.Multiply(transposeA: false, transposeB: false, Channels, count * plane, ColumnRows, Kernel.Value.Data, _columns, _packed, accumulate: false);
            Unpack(dx, first, count);
        }
        if (Bias is { } bias)
            for (int s = 0; s < n; s++)
                for (int f = 0; f < Filters; f++)
                    bias.Gradient[f] += TensorPrimitives.Sum(dz.Row(s).Slice(f * outputPlane, outputPlane)); // db[f] += Σ dz[f, :]
        return dx;
    }

    /// <summary>Images per GEMM: as many as fit the column buffer (at least one); sizes the buffers.</summary>
    private int ChunkSize(int n)
    {
        int plane = Geometry.OutputPlane;
        int chunk = Math.Clamp(MaxColumnValues / Math.Max(ColumnRows * plane, 1), 1, Math.Max(n, 1));
        if (_columns.Length < ColumnRows * chunk * plane) _columns = new float[ColumnRows * chunk * plane];
        if (_packed.Length < Channels * chunk * plane) _packed = new float[Channels * chunk * plane];
        return chunk;
    }

    /// <summary>X [channels, count·H·W] from images first … first + count − 1, so one GEMM covers them all.</summary>
    private void Pack(Tensor input, int first, int count)
    {
        int plane = Geometry.OutputPlane, row = count * plane;
        for (int s = 0; s < count; s++)
            for (int c = 0; c < Channels; c++)
                input.Row(first + s).Slice(c * plane, plane).CopyTo(_packed.AsSpan(c * row + s * plane, plane));
    }

    /// <summary>The inverse of <see cref="Pack"/>: the packed gradient back into images first … first + count − 1.</summary>
    private void Unpack(Tensor gradient, int first, int count)
    {
        int plane = Geometry.OutputPlane, row = count * plane;
        for (int s = 0; s < count; s++)
            for (int c = 0; c < Channels; c++)
                _packed.AsSpan(c * row + s * plane, plane).CopyTo(gradient.Row(first + s).Slice(c * plane, plane));
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => Config().Set("filters", Filters).Set("outputPadding", OutputPadding.ToArray());

    internal static Conv2DTranspose Create(LayerConfig config)
    {
        var s = Settings.Read(config);
        return new(config.GetInt("filters"), s.KernelSize, s.Stride, s.Padding, Size2D.FromArray(config.GetInts("outputPadding")), s.Dilation,
            s.Activation, s.UseBias, s.KernelInitializer, s.BiasInitializer, s.ActivationAlpha);
    }
}

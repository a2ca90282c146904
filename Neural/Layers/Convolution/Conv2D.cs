using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// 2-D convolution over images [channels, height, width]:
/// y[f, oy, ox] = act(b[f] + Σ_{c ∈ group(f), ky, kx} W[f, c, ky, kx] · x[c, oy·s − pad + ky·d, ox·s − pad + kx·d]),
/// with W <c>[filters, channels / groups, kernelH, kernelW]</c> (the ONNX layout). Computed as im2col + GEMM
/// over several images at once, forward and backward.
/// </summary>
public sealed class Conv2D : ConvolutionLayer
{
    private const int MaxColumnValues = 1 << 21; // im2col buffer size (8 MB) that bounds the images per GEMM

    private Tensor? _input, _gradInput;
    private float[] _columns = [], _product = [], _groupKernel = [], _groupGradient = [];

    /// <summary>Creates an unbuilt convolution.</summary>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernelSize">Window height and width.</param>
    /// <param name="stride">Step between windows (default 1).</param>
    /// <param name="padding">Border handling (default <see cref="Padding.Valid"/>).</param>
    /// <param name="dilation">Spacing between window taps (default 1).</param>
    /// <param name="groups">Channel groups: filter f sees only the input channels of its group (default 1).</param>
    /// <param name="activation">Fused activation applied to the output.</param>
    /// <param name="useBias">Whether to add a bias per filter.</param>
    /// <param name="kernelInitializer">How W is initialised (He for ReLU-like activations, Glorot otherwise).</param>
    /// <param name="biasInitializer">How b is initialised (zeros).</param>
    /// <param name="activationAlpha">α for LeakyReLU/ELU (NaN: their default).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or <paramref name="filters"/> is not a multiple of <paramref name="groups"/>.</exception>
    public Conv2D(int filters, Size2D kernelSize, Size2D? stride = null, Padding? padding = null, Size2D? dilation = null, int groups = 1,
        Activation activation = Activation.None, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        float activationAlpha = float.NaN)
        : base(kernelSize, stride, padding, dilation, activation, useBias, kernelInitializer, biasInitializer, activationAlpha)
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), filters, "Conv2D needs at least one filter.");
        if (groups <= 0 || filters % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"groups must be positive and divide filters ({filters}).");
        Filters = filters;
        Groups = groups;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        int channels = ImageInput.Dimensions(nameof(Conv2D), inputShape).Channels;
        if (channels % Groups != 0)
            throw new ArgumentException($"Conv2D with {Groups} groups needs input channels divisible by {Groups}, got {channels}.", nameof(inputShape));
        return Create(inputShape, [Filters, channels / Groups, KernelSize.Height, KernelSize.Width], Filters * KernelSize.Height * KernelSize.Width, random);
    }

    private int GroupChannels => Geometry.Channels / Groups;
    private int GroupFilters => Filters / Groups;
    private int ColumnRows => GroupChannels * Geometry.KernelArea;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        int n = input.Rows, plane = Geometry.OutputPlane;
        var z = PreActivation(n);
        int chunk = ChunkSize(n);
        for (int first = 0; first < n; first += chunk)
            for (int group = 0, count = Math.Min(chunk, n - first); group < Groups; group++)
            {
                // columns = im2col(x) ; Z_g = W_g · columns ; z = Z + b[f], the bias added as Z is laid out by sample
                Unfold(input, first, count, group);
                Gemm.Multiply(transposeA: false, transposeB: false, GroupFilters, count * plane, ColumnRows, GroupKernel(group), _columns, _product, accumulate: false);
                for (int s = 0; s < count; s++)
                    for (int f = 0; f < GroupFilters; f++)
                    {
                        int filter = group * GroupFilters + f;
                        var product = _product.AsSpan((f * count + s) * plane, plane);
                        var channel = z.Row(first + s).Slice(filter * plane, plane);
                        if (Bias is { } bias) TensorPrimitives.Add(product, bias.Value[filter], channel);
                        else product.CopyTo(channel);
                    }
            }
        return Activate(z); // y = act(z)
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) =>
        Backward(outputGradient, inputGradient: true, parameterGradients: true)!;

    /// <inheritdoc/>
    internal override void BackwardParametersOnly(Tensor outputGradient) =>
        Backward(outputGradient, inputGradient: false, parameterGradients: true);

    /// <inheritdoc/>
    internal override Tensor BackwardInputOnly(Tensor outputGradient) =>
        Backward(outputGradient, inputGradient: true, parameterGradients: false)!;

    private Tensor? Backward(Tensor outputGradient, bool inputGradient, bool parameterGradients)
    {
        var input = _input ?? throw new InvalidOperationException("Conv2D.Backward called before Forward.");
        int n = input.Rows, plane = Geometry.OutputPlane;
        var dz = ActivationGradient(outputGradient); // dz = act'(z) ⊙ dy
        var dx = inputGradient ? Tensor.Ensure(ref _gradInput, input.Shape) : null;
        dx?.Clear();
        int chunk = ChunkSize(n);
        for (int first = 0; first < n; first += chunk)
            for (int group = 0, count = Math.Min(chunk, n - first); group < Groups; group++)
            {
                for (int s = 0; s < count; s++)
                    for (int f = 0; f < GroupFilters; f++)
                        dz.Row(first + s).Slice((group * GroupFilters + f) * plane, plane).CopyTo(_product.AsSpan((f * count + s) * plane, plane));
                // dW_g += dZ_g · columnsᵀ (a frozen layer needs no columns: col2im below writes them)
                if (parameterGradients)
                {
                    Unfold(input, first, count, group);
                    AddKernelGradient(group, count * plane);
                }
                if (dx is null) continue;
                // dcolumns = W_gᵀ · dZ_g ; dx += col2im(dcolumns)
                Gemm.Multiply(transposeA: true, transposeB: false, ColumnRows, count * plane, GroupFilters, GroupKernel(group), _product, _columns, accumulate: false);
                for (int s = 0; s < count; s++)
                    Im2Col.FoldAdd(_columns, Geometry, group * GroupChannels, GroupChannels, count * plane, s * plane, dx.Row(first + s));
            }
        if (Bias is { } bias && parameterGradients)
            for (int s = 0; s < n; s++)
                for (int f = 0; f < Filters; f++)
                    bias.Gradient[f] += TensorPrimitives.Sum(dz.Row(s).Slice(f * plane, plane)); // db[f] += Σ dz[f, :]
        return dx;
    }

    /// <summary>Images per GEMM: as many as fit the im2col buffer (at least one); sizes the buffers.</summary>
    private int ChunkSize(int n)
    {
        int perImage = ColumnRows * Geometry.OutputPlane;
        int chunk = Math.Clamp(MaxColumnValues / Math.Max(perImage, 1), 1, Math.Max(n, 1));
        int columns = ColumnRows * chunk * Geometry.OutputPlane, product = GroupFilters * chunk * Geometry.OutputPlane;
        if (_columns.Length < columns) _columns = new float[columns];
        if (_product.Length < product) _product = new float[product];
        return chunk;
    }

    private void Unfold(Tensor input, int first, int count, int group)
    {
        for (int s = 0; s < count; s++)
            Im2Col.Unfold(input.Row(first + s), Geometry, group * GroupChannels, GroupChannels, _columns, count * Geometry.OutputPlane, s * Geometry.OutputPlane);
    }

    /// <summary>W_g as a tight [filters/groups, columnRows] array (W itself when there is one group).</summary>
    private float[] GroupKernel(int group)
    {
        if (Groups == 1) return Kernel.Value.Data;
        int size = GroupFilters * ColumnRows;
        if (_groupKernel.Length != size) _groupKernel = new float[size];
        Kernel.Value.Span.Slice(group * size, size).CopyTo(_groupKernel);
        return _groupKernel;
    }

    private void AddKernelGradient(int group, int columns)
    {
        if (Groups == 1)
        {
            Gemm.Multiply(transposeA: false, transposeB: true, Filters, ColumnRows, columns, _product, _columns, Kernel.Gradient.Data, accumulate: true);
            return;
        }
        int size = GroupFilters * ColumnRows;
        if (_groupGradient.Length != size) _groupGradient = new float[size];
        Gemm.Multiply(transposeA: false, transposeB: true, GroupFilters, ColumnRows, columns, _product, _columns, _groupGradient, accumulate: false);
        var target = Kernel.Gradient.Span.Slice(group * size, size);
        TensorPrimitives.Add(target, _groupGradient, target);
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => Config().Set("filters", Filters).Set("groups", Groups);

    internal static Conv2D Create(LayerConfig config)
    {
        var s = Settings.Read(config);
        return new(config.GetInt("filters"), s.KernelSize, s.Stride, s.Padding, s.Dilation, config.GetInt("groups"),
            s.Activation, s.UseBias, s.KernelInitializer, s.BiasInitializer, s.ActivationAlpha);
    }
}

using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// 2-D convolution over images [channels, height, width]:
/// y[f, oy, ox] = act(b[f] + Σ_{c ∈ group(f), ky, kx} W[f, c, ky, kx] · x[c, oy·s − pad + ky·d, ox·s − pad + kx·d]),
/// with W <c>[filters, channels / groups, kernelH, kernelW]</c> (the ONNX layout). Computed as im2col + GEMM
/// over several images at once, forward and backward.
/// </summary>
public sealed class Conv2D : Layer
{
    private const int MaxColumnValues = 1 << 21; // im2col buffer size (8 MB) that bounds the images per GEMM

    private Parameter? _kernel, _bias;
    private ActivationFunction _activation = null!;
    private ConvGeometry _g;
    private Tensor? _input, _preActivation, _output, _gradPre, _gradInput;
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
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), filters, "Conv2D needs at least one filter.");
        if (groups <= 0 || filters % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"groups must be positive and divide filters ({filters}).");
        Filters = filters;
        KernelSize = kernelSize.CheckPositive(nameof(kernelSize));
        Stride = (stride ?? 1).CheckPositive(nameof(stride));
        Dilation = (dilation ?? 1).CheckPositive(nameof(dilation));
        Padding = padding ?? Padding.Valid;
        Groups = groups;
        Activation = activation;
        ActivationAlpha = activationAlpha;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? InitializerDefaults.For(activation);
        BiasInitializer = biasInitializer ?? new Zeros();
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Window height and width.</summary>
    public Size2D KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public Size2D Stride { get; }

    /// <summary>Spacing between window taps.</summary>
    public Size2D Dilation { get; }

    /// <summary>Border handling.</summary>
    public Padding Padding { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>The fused activation.</summary>
    public Activation Activation { get; }

    /// <summary>α for LeakyReLU/ELU (NaN: their default).</summary>
    public float ActivationAlpha { get; }

    /// <summary>Whether the layer adds a bias per filter.</summary>
    public bool UseBias { get; }

    /// <summary>How W is initialised.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>How b is initialised.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>W <c>[filters, channels / groups, kernelH, kernelW]</c>.</summary>
    public Parameter Kernel => _kernel ?? throw new InvalidOperationException("Conv2D is not built.");

    /// <summary>b <c>[filters]</c>, or null without bias.</summary>
    public Parameter? Bias => _bias;

    /// <summary>Padding rows above and columns left of the image, resolved at build (for export).</summary>
    public (int Top, int Left) ResolvedPadding => (_g.PadTop, _g.PadLeft);

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _bias is null ? [Kernel] : [Kernel, _bias];

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var (channels, height, width) = ImageInput.Dimensions(nameof(Conv2D), inputShape);
        if (channels % Groups != 0)
            throw new ArgumentException($"Conv2D with {Groups} groups needs input channels divisible by {Groups}, got {channels}.", nameof(inputShape));
        _g = ConvGeometry.Create(nameof(Conv2D), channels, height, width, KernelSize, Stride, Dilation, Padding);
        int perFilter = channels / Groups * _g.KernelArea;
        _kernel = new Parameter("kernel", [Filters, channels / Groups, KernelSize.Height, KernelSize.Width], isWeight: true);
        KernelInitializer.Fill(_kernel.Value.Span, perFilter, Filters * _g.KernelArea, random);
        if (UseBias)
        {
            _bias = new Parameter("bias", [Filters], isWeight: false);
            BiasInitializer.Fill(_bias.Value.Span, perFilter, Filters * _g.KernelArea, random);
        }
        _activation = ActivationFunction.Create(Activation, ActivationAlpha);
        return [Filters, _g.OutputHeight, _g.OutputWidth];
    }

    private int GroupChannels => _g.Channels / Groups;
    private int GroupFilters => Filters / Groups;
    private int ColumnRows => GroupChannels * _g.KernelArea;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        int n = input.Rows, plane = _g.OutputPlane;
        var z = Tensor.Ensure(ref _preActivation, n, OutputShape);
        int chunk = ChunkSize(n);
        for (int first = 0; first < n; first += chunk)
            for (int group = 0, count = Math.Min(chunk, n - first); group < Groups; group++)
            {
                // columns = im2col(x) ; Z_g = W_g · columns
                Unfold(input, first, count, group);
                Gemm.Multiply(false, false, GroupFilters, count * plane, ColumnRows, GroupKernel(group), _columns, _product, accumulate: false);
                for (int s = 0; s < count; s++)
                    for (int f = 0; f < GroupFilters; f++)
                        _product.AsSpan((f * count + s) * plane, plane).CopyTo(z.Row(first + s).Slice((group * GroupFilters + f) * plane, plane));
            }
        if (_bias is not null)
            for (int s = 0; s < n; s++)
                for (int f = 0; f < Filters; f++)
                {
                    // z += b[f]
                    var channel = z.Row(s).Slice(f * plane, plane);
                    TensorPrimitives.Add(channel, _bias.Value[f], channel);
                }
        if (Activation == Activation.None) return z;
        // y = act(z)
        var y = Tensor.Ensure(ref _output, z.Shape);
        _activation.Forward(z.Span, y.Span, _g.OutputWidth);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Conv2D.Backward called before Forward.");
        int n = input.Rows, plane = _g.OutputPlane;
        var dz = outputGradient;
        if (Activation != Activation.None)
        {
            // dz = act'(z) ⊙ dy
            dz = Tensor.Ensure(ref _gradPre, outputGradient.Shape);
            _activation.Backward(_preActivation!.Span, _output!.Span, outputGradient.Span, dz.Span, _g.OutputWidth);
        }
        var dx = Tensor.Ensure(ref _gradInput, input.Shape);
        dx.Clear();
        int chunk = ChunkSize(n);
        for (int first = 0; first < n; first += chunk)
            for (int group = 0, count = Math.Min(chunk, n - first); group < Groups; group++)
            {
                for (int s = 0; s < count; s++)
                    for (int f = 0; f < GroupFilters; f++)
                        dz.Row(first + s).Slice((group * GroupFilters + f) * plane, plane).CopyTo(_product.AsSpan((f * count + s) * plane, plane));
                // dW_g += dZ_g · columnsᵀ
                Unfold(input, first, count, group);
                AddKernelGradient(group, count * plane);
                // dcolumns = W_gᵀ · dZ_g ; dx += col2im(dcolumns)
                Gemm.Multiply(true, false, ColumnRows, count * plane, GroupFilters, GroupKernel(group), _product, _columns, accumulate: false);
                for (int s = 0; s < count; s++)
                    Im2Col.FoldAdd(_columns, _g, group * GroupChannels, GroupChannels, count * plane, s * plane, dx.Row(first + s));
            }
        if (_bias is not null)
            for (int s = 0; s < n; s++)
                for (int f = 0; f < Filters; f++)
                    _bias.Gradient[f] += TensorPrimitives.Sum(dz.Row(s).Slice(f * plane, plane)); // db[f] += Σ dz[f, :]
        return dx;
    }

    /// <summary>Images per GEMM: as many as fit the im2col buffer (at least one); sizes the buffers.</summary>
    private int ChunkSize(int n)
    {
        int perImage = ColumnRows * _g.OutputPlane;
        int chunk = Math.Clamp(MaxColumnValues / Math.Max(perImage, 1), 1, Math.Max(n, 1));
        int columns = ColumnRows * chunk * _g.OutputPlane, product = GroupFilters * chunk * _g.OutputPlane;
        if (_columns.Length < columns) _columns = new float[columns];
        if (_product.Length < product) _product = new float[product];
        return chunk;
    }

    private void Unfold(Tensor input, int first, int count, int group)
    {
        for (int s = 0; s < count; s++)
            Im2Col.Unfold(input.Row(first + s), _g, group * GroupChannels, GroupChannels, _columns, count * _g.OutputPlane, s * _g.OutputPlane);
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
            Gemm.Multiply(false, true, Filters, ColumnRows, columns, _product, _columns, Kernel.Gradient.Data, accumulate: true);
            return;
        }
        int size = GroupFilters * ColumnRows;
        if (_groupGradient.Length != size) _groupGradient = new float[size];
        Gemm.Multiply(false, true, GroupFilters, ColumnRows, columns, _product, _columns, _groupGradient, accumulate: false);
        var target = Kernel.Gradient.Span.Slice(group * size, size);
        TensorPrimitives.Add(target, _groupGradient, target);
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig()
    {
        var config = new LayerConfig(nameof(Conv2D))
            .Set("filters", Filters).Set("kernelSize", KernelSize.ToArray()).Set("stride", Stride.ToArray())
            .Set("padding", Padding.ToString()).Set("dilation", Dilation.ToArray()).Set("groups", Groups)
            .Set("activation", Activation).Set("useBias", UseBias)
            .Set("kernelInitializer", KernelInitializer.ToString()).Set("biasInitializer", BiasInitializer.ToString());
        if (!float.IsNaN(ActivationAlpha)) config.Set("activationAlpha", ActivationAlpha);
        return config;
    }

    internal static Conv2D Create(LayerConfig config) => new(
        config.GetInt("filters"), Size2D.FromArray(config.GetInts("kernelSize")), Size2D.FromArray(config.GetInts("stride")),
        Padding.Parse(config.GetString("padding")), Size2D.FromArray(config.GetInts("dilation")), config.GetInt("groups"),
        config.GetEnum<Activation>("activation"), config.GetBool("useBias"),
        Initializer.Parse(config.GetString("kernelInitializer")), Initializer.Parse(config.GetString("biasInitializer")),
        config.Has("activationAlpha") ? config.GetFloat("activationAlpha") : float.NaN);
}

using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Graph convolution (Kipf &amp; Welling 2017): H = f(Â·X·W + b) with Â = D̂^−½ (A + I) D̂^−½ — each node averages its
/// neighbours' and its own transformed features, weighted by the symmetric normalisation. X <c>[n, in]</c>, W
/// <c>[in, units]</c>. The identity is added here (A + I), so the adjacency itself should hold no self loops.
/// </summary>
public sealed class GraphConvolution : GraphLayer
{
    private Parameter? _kernel;
    private Parameter[]? _parameters;
    private Tensor? _input, _transformed, _preActivation, _gradTransformed, _gradInput;
    private SparseAdjacency? _propagation;

    /// <summary>Creates an unbuilt graph convolution of <paramref name="units"/> outputs per node.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    public GraphConvolution(int units, Activation activation = Activation.None, bool useBias = true)
        : base(activation, useBias)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "GraphConvolution needs at least one unit.");
        Units = units;
    }

    /// <summary>Outputs per node.</summary>
    public int Units { get; }

    /// <summary>W <c>[in, units]</c>.</summary>
    public Parameter Kernel => _kernel ?? throw new InvalidOperationException("GraphConvolution is not built.");

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters ?? [];

    /// <inheritdoc/>
    protected override int OutputWidth => Units;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        CheckShape(inputShape);
        _kernel = new Parameter("kernel", [inputShape[0], Units], isWeight: true);
        InitializerDefaults.For(Activation).Fill(_kernel.Value.Span, inputShape[0], Units, random);
        BuildOutput(random);
        _parameters = Bias is null ? [_kernel] : [_kernel, Bias];
        return [Units];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        _propagation = AdjacencyFor(input).NormalizedWithSelfLoops();
        int n = input.Rows, inputs = InputShape[0];
        _input = input;
        // T = X·W ;  Z = Â·T
        var t = Tensor.Ensure(ref _transformed, n, Units);
        Gemm.Multiply(transposeA: false, transposeB: false, n, Units, inputs, input.Data, Kernel.Value.Data, t.Data, accumulate: false);
        var z = Tensor.Ensure(ref _preActivation, n, Units);
        _propagation.Multiply(t.Span, z.Span, Units);
        return Finish(z);
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => Backward(outputGradient, inputGradient: true)!;

    /// <inheritdoc/>
    internal override void BackwardParametersOnly(Tensor outputGradient) => Backward(outputGradient, inputGradient: false);

    private Tensor? Backward(Tensor outputGradient, bool inputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("GraphConvolution.Backward called before Forward.");
        int n = input.Rows, inputs = InputShape[0];
        var dz = StartBackward(_preActivation!, outputGradient);
        // dT = Âᵀ·dZ ;  dW += Xᵀ·dT ;  dX = dT·Wᵀ
        var dt = Tensor.Ensure(ref _gradTransformed, n, Units);
        _propagation!.MultiplyTransposed(dz.Span, dt.Span, Units);
        Gemm.Multiply(transposeA: true, transposeB: false, inputs, Units, n, input.Data, dt.Data, Kernel.Gradient.Data, accumulate: true);
        if (!inputGradient) return null;
        var dx = Tensor.Ensure(ref _gradInput, n, inputs);
        Gemm.Multiply(transposeA: false, transposeB: true, n, inputs, Units, dt.Data, Kernel.Value.Data, dx.Data, accumulate: false);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() =>
        new LayerConfig(nameof(GraphConvolution)).Set("units", Units).Set("activation", Activation).Set("useBias", UseBias);

    internal static GraphConvolution Create(LayerConfig config) =>
        new(config.GetInt("units"), config.GetEnum<Activation>("activation"), config.GetBool("useBias"));
}

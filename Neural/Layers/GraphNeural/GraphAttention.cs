using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Graph attention (Veličković et al. 2018). Per head h: z = x·W_h; scores s_ij = LeakyReLU(a_h,target·z_i +
/// a_h,source·z_j) over each neighbourhood N(i) ∪ {i}; α_ij = softmax_j(s_ij); out_i = Σ_j α_ij z_j. Heads are
/// concatenated (width heads·units) or averaged (width units), then bias and activation. While training, attention
/// dropout zeroes each α_ij with probability p and scales the rest by 1/(1 − p). Per-edge values take memory linear
/// in the number of edges.
/// </summary>
public sealed class GraphAttention : GraphLayer
{
    private Parameter? _kernel, _attentionSource, _attentionTarget;
    private Parameter[]? _parameters;
    private RandomSource? _random;
    private Tensor? _input, _transformed, _preActivation, _gradTransformed, _gradInput;
    private float[] _scores = [], _alpha = [], _keep = [], _gradAlpha = [], _source = [], _target = [], _gradSource = [], _gradTarget = [];
    private SparseAdjacency? _neighbourhoods;
    private bool _dropped;

    /// <summary>Creates an unbuilt graph attention layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Units or heads not positive, dropout outside [0, 1), slope
    /// negative.</exception>
    public GraphAttention(int units, int heads = 1, bool concatenateHeads = true, float attentionDropout = 0f,
        float negativeSlope = 0.2f, Activation activation = Activation.None, bool useBias = true) : base(activation, useBias)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "GraphAttention needs at least one unit.");
        if (heads <= 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, "GraphAttention needs at least one head.");
        if (!(attentionDropout >= 0f && attentionDropout < 1f))
            throw new ArgumentOutOfRangeException(nameof(attentionDropout), attentionDropout, "Attention dropout must be in [0, 1).");
        if (!(negativeSlope >= 0f)) throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The LeakyReLU slope must be ≥ 0.");
        (Units, Heads, ConcatenateHeads, AttentionDropout, NegativeSlope) = (units, heads, concatenateHeads, attentionDropout, negativeSlope);
    }

    /// <summary>Outputs per node and head.</summary>
    public int Units { get; }

    /// <summary>Number of attention heads.</summary>
    public int Heads { get; }

    /// <summary>Whether heads are concatenated (else averaged).</summary>
    public bool ConcatenateHeads { get; }

    /// <summary>Probability of dropping an attention weight while training.</summary>
    public float AttentionDropout { get; }

    /// <summary>The LeakyReLU slope of the scores for negative inputs.</summary>
    public float NegativeSlope { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters ?? [];

    /// <inheritdoc/>
    public override IReadOnlyList<RandomSource> RandomSources => _random is null ? [] : [_random];

    /// <inheritdoc/>
    protected override int OutputWidth => ConcatenateHeads ? Heads * Units : Units;

    private int Width => Heads * Units;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        CheckShape(inputShape);
        _kernel = new Parameter("kernel", [inputShape[0], Width], isWeight: true);
        new GlorotUniform().Fill(_kernel.Value.Span, inputShape[0], Units, random);
        _attentionSource = new Parameter("attentionSource", [Heads, Units], isWeight: true);
        _attentionTarget = new Parameter("attentionTarget", [Heads, Units], isWeight: true);
        new GlorotUniform().Fill(_attentionSource.Value.Span, 2 * Units, 1, random);
        new GlorotUniform().Fill(_attentionTarget.Value.Span, 2 * Units, 1, random);
        _random = random.Fork();
        BuildOutput(random);
        _parameters = Bias is null ? [_kernel, _attentionSource, _attentionTarget] : [_kernel, _attentionSource, _attentionTarget, Bias];
        return [OutputWidth];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        var s = _neighbourhoods = AdjacencyFor(input).WithSelfLoops();
        int n = input.Rows, inputs = InputShape[0], heads = Heads, units = Units, width = Width;
        _input = input;
        var z = Tensor.Ensure(ref _transformed, n, width);
        Gemm.Multiply(transposeA: false, transposeB: false, n, width, inputs, input.Data, _kernel!.Value.Data, z.Data, accumulate: false);
        Grow(ref _source, n * heads);
        Grow(ref _target, n * heads);
        var zs = z.Span;
        // σ_jh = a_h,source·z_jh ;  τ_ih = a_h,target·z_ih
        for (int i = 0; i < n; i++)
            for (int h = 0; h < heads; h++)
            {
                var zih = zs.Slice(i * width + h * units, units);
                _source[i * heads + h] = TensorPrimitives.Dot(zih, _attentionSource!.Value.Span.Slice(h * units, units));
                _target[i * heads + h] = TensorPrimitives.Dot(zih, _attentionTarget!.Value.Span.Slice(h * units, units));
            }
        int entries = s.EntryCount * heads;
        Grow(ref _scores, entries);
        Grow(ref _alpha, entries);
        Grow(ref _keep, entries);
        _dropped = training && AttentionDropout > 0f;
        float keepScale = 1f / (1f - AttentionDropout);
        var output = Tensor.Ensure(ref _preActivation, n, OutputWidth);
        output.Span.Clear();
        var o = output.Span;
        float headScale = ConcatenateHeads ? 1f : 1f / heads;
        for (int i = 0; i < n; i++)
        {
            int first = s.RowStarts[i], last = s.RowStarts[i + 1];
            for (int h = 0; h < heads; h++)
            {
                // s_ij = LeakyReLU(τ_i + σ_j) ;  α_ij = exp(s_ij − max) / Σ exp(s_ik − max)
                float max = float.NegativeInfinity;
                for (int e = first; e < last; e++)
                {
                    float raw = _target[i * heads + h] + _source[s.Columns[e] * heads + h];
                    _scores[e * heads + h] = raw;
                    max = MathF.Max(max, LeakyRelu(raw));
                }
                double sum = 0;
                for (int e = first; e < last; e++)
                {
                    float a = MathF.Exp(LeakyRelu(_scores[e * heads + h]) - max);
                    _alpha[e * heads + h] = a;
                    sum += a;
                }
                var oih = o.Slice(i * OutputWidth + (ConcatenateHeads ? h * units : 0), units);
                for (int e = first; e < last; e++)
                {
                    int k = e * heads + h;
                    _alpha[k] = (float)(_alpha[k] / sum);
                    _keep[k] = !_dropped ? 1f : _random!.NextFloat() >= AttentionDropout ? keepScale : 0f;
                    // out_i += α̃_ij z_j  (α̃ = α·keep, averaged heads scaled by 1/heads)
                    float weight = _alpha[k] * _keep[k] * headScale;
                    if (weight != 0f)
                        TensorPrimitives.MultiplyAdd(zs.Slice(s.Columns[e] * width + h * units, units), weight, oih, oih);
                }
            }
        }
        return Finish(output);
    }

    private float LeakyRelu(float x) => x > 0f ? x : NegativeSlope * x;

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => Backward(outputGradient, inputGradient: true)!;

    /// <inheritdoc/>
    internal override void BackwardParametersOnly(Tensor outputGradient) => Backward(outputGradient, inputGradient: false);

    private Tensor? Backward(Tensor outputGradient, bool inputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("GraphAttention.Backward called before Forward.");
        var s = _neighbourhoods!;
        int n = input.Rows, inputs = InputShape[0], heads = Heads, units = Units, width = Width;
        var dOut = StartBackward(_preActivation!, outputGradient).Span;
        var zs = _transformed!.Span;
        var dz = Tensor.Ensure(ref _gradTransformed, n, width);
        var dzs = dz.Span;
        dzs.Clear();
        Grow(ref _gradAlpha, s.EntryCount * heads);
        Grow(ref _gradSource, n * heads);
        Grow(ref _gradTarget, n * heads);
        Array.Clear(_gradSource, 0, n * heads);
        Array.Clear(_gradTarget, 0, n * heads);
        float headScale = ConcatenateHeads ? 1f : 1f / heads;
        for (int i = 0; i < n; i++)
        {
            int first = s.RowStarts[i], last = s.RowStarts[i + 1];
            for (int h = 0; h < heads; h++)
            {
                var dOih = dOut.Slice(i * OutputWidth + (ConcatenateHeads ? h * units : 0), units);
                // dα_ij = keep_ij·scale·(dout_i·z_j) ;  dz_j += α̃_ij·scale·dout_i
                double weighted = 0;
                for (int e = first; e < last; e++)
                {
                    int k = e * heads + h, j = s.Columns[e];
                    var zjh = zs.Slice(j * width + h * units, units);
                    float factor = _keep[k] * headScale;
                    float dAlpha = factor * TensorPrimitives.Dot(dOih, zjh);
                    if (factor != 0f)
                        TensorPrimitives.MultiplyAdd(dOih, _alpha[k] * factor, dzs.Slice(j * width + h * units, units), dzs.Slice(j * width + h * units, units));
                    _gradAlpha[k] = dAlpha;
                    weighted += _alpha[k] * dAlpha;
                }
                // ds_ij = α_ij (dα_ij − Σ_k α_ik dα_ik) ;  d(raw) = ds · LeakyReLU'(raw) ; raw = τ_i + σ_j
                for (int e = first; e < last; e++)
                {
                    int k = e * heads + h;
                    float dScore = _alpha[k] * (float)(_gradAlpha[k] - weighted);
                    float dRaw = _scores[k] > 0f ? dScore : NegativeSlope * dScore;
                    _gradTarget[i * heads + h] += dRaw;
                    _gradSource[s.Columns[e] * heads + h] += dRaw;
                }
            }
        }
        // dz_ih += dτ_ih a_h,target + dσ_ih a_h,source ;  da_h,target += Σ_i dτ_ih z_ih ;  da_h,source += Σ_j dσ_jh z_jh
        var aSource = _attentionSource!.Value.Span;
        var aTarget = _attentionTarget!.Value.Span;
        var gSource = _attentionSource.Gradient.Span;
        var gTarget = _attentionTarget.Gradient.Span;
        for (int i = 0; i < n; i++)
            for (int h = 0; h < heads; h++)
            {
                var zih = zs.Slice(i * width + h * units, units);
                var dzih = dzs.Slice(i * width + h * units, units);
                float dTau = _gradTarget[i * heads + h], dSigma = _gradSource[i * heads + h];
                TensorPrimitives.MultiplyAdd(aTarget.Slice(h * units, units), dTau, dzih, dzih);
                TensorPrimitives.MultiplyAdd(aSource.Slice(h * units, units), dSigma, dzih, dzih);
                TensorPrimitives.MultiplyAdd(zih, dTau, gTarget.Slice(h * units, units), gTarget.Slice(h * units, units));
                TensorPrimitives.MultiplyAdd(zih, dSigma, gSource.Slice(h * units, units), gSource.Slice(h * units, units));
            }
        // dW += xᵀ·dz ;  dx = dz·Wᵀ
        Gemm.Multiply(transposeA: true, transposeB: false, inputs, width, n, input.Data, dz.Data, _kernel!.Gradient.Data, accumulate: true);
        if (!inputGradient) return null;
        var dx = Tensor.Ensure(ref _gradInput, n, inputs);
        Gemm.Multiply(transposeA: false, transposeB: true, n, inputs, width, dz.Data, _kernel.Value.Data, dx.Data, accumulate: false);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(GraphAttention)).Set("units", Units).Set("heads", Heads)
        .Set("concatenateHeads", ConcatenateHeads).Set("attentionDropout", AttentionDropout).Set("negativeSlope", NegativeSlope)
        .Set("activation", Activation).Set("useBias", UseBias);

    internal static GraphAttention Create(LayerConfig config) => new(config.GetInt("units"), config.GetInt("heads"),
        config.GetBool("concatenateHeads"), config.GetFloat("attentionDropout"), config.GetFloat("negativeSlope"),
        config.GetEnum<Activation>("activation"), config.GetBool("useBias"));
}

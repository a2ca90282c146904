namespace MLExt.Neural;

/// <summary>
/// The sampling layer of a variational autoencoder, with its KL term. Each sample <c>[2k]</c> holds a mean μ
/// (first k values) and a log-variance v (last k); while training y = μ + exp(v/2)·ε with ε ~ N(0, 1) drawn from
/// the layer's generator (the reparameterisation trick; seeded from the build's generator, so the same seed draws the
/// same ε), at inference y = μ unless <see cref="SampleAtInference"/> asks for samples there too (a single-sample
/// estimate of the ELBO on test data, sampled reconstructions). The layer adds the loss term
/// β·KL(N(μ, e^v) ‖ N(0, 1)) = −(β/2n)·Σ(1 + v − μ² − e^v) over a batch of n samples (<see cref="ILossTermSource"/>),
/// so that a <see cref="GraphObjective"/> includes it without further wiring.
/// </summary>
public sealed class GaussianSampling : Layer, ILossTermSource
{
    private RandomSource? _random;
    private Tensor? _input, _output, _noise, _gradInput;
    private bool _sampled;
    private int _k;

    /// <summary>Creates the layer with KL weight <paramref name="klWeight"/> (β).</summary>
    /// <param name="klWeight">β, the weight of the KL term.</param>
    /// <param name="sampleAtInference">Whether inference samples z too (by default it returns the mean μ).</param>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative or not finite.</exception>
    public GaussianSampling(float klWeight = 1f, bool sampleAtInference = false)
    {
        SampleAtInference = sampleAtInference;
        if (!(klWeight >= 0) || !float.IsFinite(klWeight))
            throw new ArgumentOutOfRangeException(nameof(klWeight), klWeight, "The KL weight must be a finite number ≥ 0.");
        KlWeight = klWeight;
    }

    /// <summary>β, the weight of the KL term.</summary>
    public float KlWeight { get; }

    /// <summary>Whether inference draws z = μ + σ·ε like training (otherwise it returns μ).</summary>
    public bool SampleAtInference { get; }

    /// <inheritdoc/>
    public float LossTerm { get; private set; }

    /// <inheritdoc/>
    public override IReadOnlyList<RandomSource> RandomSources => _random is null ? [] : [_random];

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape) => inputShape.Length == 1 && inputShape[0] % 2 == 0
        ? [inputShape[0] / 2]
        : throw new ArgumentException(
            $"GaussianSampling expects [2k] per sample (k means, then k log-variances) but got " +
                $"{Tensor.FormatShape(inputShape)}.", nameof(inputShape));

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var output = OnComputeOutputShape(inputShape);
        _k = output[0];
        _random = random.Fork();
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        _sampled = training || SampleAtInference;
        int n = input.Rows, k = _k;
        var y = Tensor.Ensure(ref _output, n, k);
        var eps = Tensor.Ensure(ref _noise, n, k);
        double kl = 0;
        for (int b = 0; b < n; b++)
            for (int j = 0; j < k; j++)
            {
                float mu = input[b * 2 * k + j], v = input[b * 2 * k + k + j];
                // y = μ + e^(v/2)·ε (sampling), μ (inference)
                float e = _sampled ? _random!.NextGaussian() : 0f;
                eps[b * k + j] = e;
                y[b * k + j] = mu + MathF.Exp(0.5f * v) * e;
                // KL = −½ Σ (1 + v − μ² − e^v)
                kl += -0.5 * (1 + v - mu * mu - Math.Exp(v));
            }
        LossTerm = (float)(KlWeight * kl / n);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var x = _input ?? throw new InvalidOperationException("GaussianSampling.Backward called before Forward.");
        int n = x.Rows, k = _k;
        var dx = Tensor.Ensure(ref _gradInput, x.Shape);
        float scale = KlWeight / n;
        for (int b = 0; b < n; b++)
            for (int j = 0; j < k; j++)
            {
                float mu = x[b * 2 * k + j], v = x[b * 2 * k + k + j], dy = outputGradient[b * k + j];
                // dμ = dy + β·μ/n ;  dv = dy·½e^(v/2)·ε + β·½(e^v − 1)/n
                dx[b * 2 * k + j] = dy + scale * mu;
                float sampled = _sampled ? dy * 0.5f * MathF.Exp(0.5f * v) * _noise![b * k + j] : 0f;
                dx[b * 2 * k + k + j] = sampled + scale * 0.5f * (MathF.Exp(v) - 1f);
            }
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() =>
        new LayerConfig(nameof(GaussianSampling)).Set("klWeight", KlWeight).Set("sampleAtInference", SampleAtInference);

    // Configurations written before sampleAtInference existed return the mean at inference.
    internal static GaussianSampling Create(LayerConfig config) =>
        new(config.GetFloat("klWeight"), sampleAtInference: config.Has("sampleAtInference") && config.GetBool("sampleAtInference"));
}

namespace MLExt.Neural;

/// <summary>While training, adds independent Gaussian noise to every value, y = x + σ·ε with ε ~ N(0, 1); dx = dy. An identity at inference. Any input shape.</summary>
public sealed class GaussianNoise : AugmentationLayer
{
    /// <summary>Creates an unbuilt Gaussian-noise layer with standard deviation <paramref name="standardDeviation"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The deviation is negative or not finite.</exception>
    public GaussianNoise(float standardDeviation)
    {
        if (!(standardDeviation >= 0f) || !float.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "standardDeviation must be a non-negative number.");
        StandardDeviation = standardDeviation;
    }

    /// <summary>σ of the added noise.</summary>
    public float StandardDeviation { get; }

    private protected override int DrawsPerSample => Tensor.Product(InputShape);

    private protected override bool IsActive => StandardDeviation > 0f;

    private protected override void CheckShape(int[] inputShape) { }

    private protected override void Draw(RandomSource random, Span<float> draws)
    {
        for (int i = 0; i < draws.Length; i++) draws[i] = StandardDeviation * random.NextGaussian();
    }

    // y = x + σ·ε
    private protected override void Apply(ReadOnlySpan<float> draws, ReadOnlySpan<float> x, Span<float> y) =>
        System.Numerics.Tensors.TensorPrimitives.Add(x, draws, y);

    // dx = dy
    private protected override void ApplyTranspose(ReadOnlySpan<float> draws, ReadOnlySpan<float> dy, Span<float> dx) => dy.CopyTo(dx);

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(GaussianNoise)).Set("standardDeviation", StandardDeviation);

    internal static GaussianNoise Create(LayerConfig config) => new(config.GetFloat("standardDeviation"));
}

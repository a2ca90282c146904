namespace MLExt.Neural;

/// <summary>
/// While training, shifts every value of a sample by one δ drawn uniformly from [−maxDelta, maxDelta],
/// y = x + δ (no clipping); dx = dy. An identity at inference. Any input shape.
/// </summary>
public sealed class RandomBrightness : AugmentationLayer
{
    /// <summary>Creates an unbuilt random brightness layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDelta"/> is negative or not finite.</exception>
    public RandomBrightness(float maxDelta)
    {
        if (!(maxDelta >= 0f) || !float.IsFinite(maxDelta))
            throw new ArgumentOutOfRangeException(nameof(maxDelta), maxDelta, "maxDelta must be a non-negative number.");
        MaxDelta = maxDelta;
    }

    /// <summary>The largest brightness shift either way.</summary>
    public float MaxDelta { get; }

    private protected override int DrawsPerSample => 1;

    private protected override bool IsActive => MaxDelta > 0f;

    private protected override void CheckShape(int[] inputShape) { }

    private protected override void Draw(RandomSource random, Span<float> draws) => draws[0] = Uniform(random, -MaxDelta, MaxDelta);

    // y = x + δ
    private protected override void Apply(ReadOnlySpan<float> draws, ReadOnlySpan<float> x, Span<float> y) =>
        System.Numerics.Tensors.TensorPrimitives.Add(x, draws[0], y);

    // dx = dy
    private protected override void ApplyTranspose(ReadOnlySpan<float> draws, ReadOnlySpan<float> dy, Span<float> dx) => dy.CopyTo(dx);

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(RandomBrightness)).Set("maxDelta", MaxDelta);

    internal static RandomBrightness Create(LayerConfig config) => new(config.GetFloat("maxDelta"));
}

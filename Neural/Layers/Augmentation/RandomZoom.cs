using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// While training, scales each image about its centre by a factor s drawn uniformly from
/// [minScale, maxScale] (s &gt; 1 zooms in, s &lt; 1 zooms out with zero fill), bilinearly:
/// y(p) = bilinear(x, c + (p − c)/s). Linear in x, y = A_s·x, so dx = A_sᵀ·dy. An identity at inference.
/// </summary>
public sealed class RandomZoom : AugmentationLayer
{
    /// <summary>Creates an unbuilt random zoom.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or not positive.</exception>
    public RandomZoom(float minScale = 0.9f, float maxScale = 1.1f)
    {
        if (!(minScale > 0f && maxScale >= minScale && float.IsFinite(maxScale)))
            throw new ArgumentOutOfRangeException(nameof(minScale), $"Zoom scales need 0 < minScale ≤ maxScale, got [{minScale}, {maxScale}].");
        MinScale = minScale;
        MaxScale = maxScale;
    }

    /// <summary>The smallest scale factor.</summary>
    public float MinScale { get; }

    /// <summary>The largest scale factor.</summary>
    public float MaxScale { get; }

    private protected override int DrawsPerSample => 1;

    private protected override bool IsActive => MinScale != 1f || MaxScale != 1f;

    private protected override void Draw(RandomSource random, Span<float> draws) => draws[0] = 1f / Uniform(random, MinScale, MaxScale);

    // y = A_s·x : output p samples source c + (p − c)/s
    private protected override void Apply(ReadOnlySpan<float> draws, ReadOnlySpan<float> x, Span<float> y) =>
        ImageWarp.Affine(x, y, Image.Channels, Image.Height, Image.Width, draws[0], 0f, 0f, draws[0]);

    // dx = A_sᵀ·dy
    private protected override void ApplyTranspose(ReadOnlySpan<float> draws, ReadOnlySpan<float> dy, Span<float> dx) =>
        ImageWarp.AffineTranspose(dy, dx, Image.Channels, Image.Height, Image.Width, draws[0], 0f, 0f, draws[0]);

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(RandomZoom)).Set("minScale", MinScale).Set("maxScale", MaxScale);

    internal static RandomZoom Create(LayerConfig config) => new(config.GetFloat("minScale"), config.GetFloat("maxScale"));
}

using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// While training, rotates each image about its centre by an angle θ drawn uniformly from
/// [−maxDegrees, maxDegrees], with bilinear interpolation and zero fill: y(p) = bilinear(x, c + R(θ)ᵀ(p − c)).
/// y is linear in x, y = A_θ·x, so dx = A_θᵀ·dy. An identity at inference.
/// </summary>
public sealed class RandomRotation : AugmentationLayer
{
    /// <summary>Creates an unbuilt random rotation.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegrees"/> is negative, above 180 or not finite.</exception>
    public RandomRotation(float maxDegrees)
    {
        if (!(maxDegrees >= 0f && maxDegrees <= 180f))
            throw new ArgumentOutOfRangeException(nameof(maxDegrees), maxDegrees, "maxDegrees must be in [0, 180].");
        MaxDegrees = maxDegrees;
    }

    /// <summary>The largest rotation, in degrees, either way.</summary>
    public float MaxDegrees { get; }

    private protected override int DrawsPerSample => 1;

    private protected override bool IsActive => MaxDegrees > 0f;

    private protected override void Draw(RandomSource random, Span<float> draws) =>
        draws[0] = Uniform(random, -MaxDegrees, MaxDegrees) * MathF.PI / 180f;

    // y = A_θ·x : output (h, w) samples source c + R(−θ)(p − c)
    private protected override void Apply(ReadOnlySpan<float> draws, ReadOnlySpan<float> x, Span<float> y)
    {
        var (cos, sin) = (MathF.Cos(draws[0]), MathF.Sin(draws[0]));
        ImageWarp.Affine(x, y, Image.Channels, Image.Height, Image.Width, cos, sin, -sin, cos);
    }

    // dx = A_θᵀ·dy
    private protected override void ApplyTranspose(ReadOnlySpan<float> draws, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var (cos, sin) = (MathF.Cos(draws[0]), MathF.Sin(draws[0]));
        ImageWarp.AffineTranspose(dy, dx, Image.Channels, Image.Height, Image.Width, cos, sin, -sin, cos);
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(RandomRotation)).Set("maxDegrees", MaxDegrees);

    internal static RandomRotation Create(LayerConfig config) => new(config.GetFloat("maxDegrees"));
}

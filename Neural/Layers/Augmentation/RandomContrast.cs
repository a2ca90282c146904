using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// While training, scales each image's contrast by a factor f drawn uniformly from [lower, upper]: per
/// channel with mean μ_c, y = f·(x − μ_c) + μ_c (no clipping). Then dx = f·dy + (1 − f)·mean_c(dy).
/// An identity at inference.
/// </summary>
public sealed class RandomContrast : AugmentationLayer
{
    /// <summary>Creates an unbuilt random contrast layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or negative.</exception>
    public RandomContrast(float lower = 0.8f, float upper = 1.2f)
    {
        if (!(lower >= 0f && upper >= lower && float.IsFinite(upper)))
            throw new ArgumentOutOfRangeException(nameof(lower), $"Contrast factors need 0 ≤ lower ≤ upper, got [{lower}, {upper}].");
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The smallest contrast factor.</summary>
    public float Lower { get; }

    /// <summary>The largest contrast factor.</summary>
    public float Upper { get; }

    private protected override int DrawsPerSample => 1;

    private protected override bool IsActive => Lower != 1f || Upper != 1f;

    private protected override void Draw(RandomSource random, Span<float> draws) => draws[0] = Uniform(random, Lower, Upper);

    // y = f·x + (1 − f)·μ_c
    private protected override void Apply(ReadOnlySpan<float> draws, ReadOnlySpan<float> x, Span<float> y) => ScaleAboutMean(draws[0], x, y);

    // dx = f·dy + (1 − f)·mean_c(dy): the same map, since ∂μ_c/∂x = 1/(H·W)
    private protected override void ApplyTranspose(ReadOnlySpan<float> draws, ReadOnlySpan<float> dy, Span<float> dx) => ScaleAboutMean(draws[0], dy, dx);

    private void ScaleAboutMean(float factor, ReadOnlySpan<float> x, Span<float> y)
    {
        int plane = Image.Height * Image.Width;
        for (int c = 0; c < Image.Channels; c++)
        {
            var from = x.Slice(c * plane, plane);
            var to = y.Slice(c * plane, plane);
            float mean = TensorPrimitives.Sum(from) / plane;
            TensorPrimitives.Multiply(from, factor, to);
            TensorPrimitives.Add(to, (1 - factor) * mean, to);
        }
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(RandomContrast)).Set("lower", Lower).Set("upper", Upper);

    internal static RandomContrast Create(LayerConfig config) => new(config.GetFloat("lower"), config.GetFloat("upper"));
}

using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// While training, shifts each image by a whole number of pixels drawn uniformly from
/// [−max, max] in each direction, filling with zeros: y[c, h, w] = x[c, h − t_h, w − t_w]. This is also
/// "random crop with padding": pad by p, then crop back to the original size at a random offset.
/// Backward shifts dy back, dx[c, h, w] = dy[c, h + t_h, w + t_w]. An identity at inference.
/// </summary>
public sealed class RandomTranslation : AugmentationLayer
{
    /// <summary>Creates an unbuilt random translation of up to <paramref name="maxShift"/> pixels each way.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A shift is negative.</exception>
    public RandomTranslation(Size2D maxShift)
    {
        if (maxShift.Height < 0 || maxShift.Width < 0)
            throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, "maxShift must not be negative.");
        MaxShift = maxShift;
    }

    /// <summary>The largest shift, in pixels, in each direction.</summary>
    public Size2D MaxShift { get; }

    private protected override int DrawsPerSample => 2;

    private protected override bool IsActive => MaxShift.Height > 0 || MaxShift.Width > 0;

    private protected override void Draw(RandomSource random, Span<float> draws)
    {
        draws[0] = random.NextInt(2 * MaxShift.Height + 1) - MaxShift.Height;
        draws[1] = random.NextInt(2 * MaxShift.Width + 1) - MaxShift.Width;
    }

    // y = shift(x, t)
    private protected override void Apply(ReadOnlySpan<float> draws, ReadOnlySpan<float> x, Span<float> y) =>
        ImageWarp.Shift(x, y, Image.Channels, Image.Height, Image.Width, (int)draws[0], (int)draws[1]);

    // dx = shift(dy, −t)
    private protected override void ApplyTranspose(ReadOnlySpan<float> draws, ReadOnlySpan<float> dy, Span<float> dx) =>
        ImageWarp.Shift(dy, dx, Image.Channels, Image.Height, Image.Width, -(int)draws[0], -(int)draws[1]);

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(RandomTranslation)).Set("maxShift", MaxShift.ToArray());

    internal static RandomTranslation Create(LayerConfig config) => new(Size2D.FromArray(config.GetInts("maxShift")));
}

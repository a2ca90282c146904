using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// While training, mirrors each image left–right (when <see cref="Horizontal"/>) and/or top–bottom (when
/// <see cref="Vertical"/>), each with probability ½: y = F(x), and F is its own transpose, so dx = F(dy).
/// An identity at inference.
/// </summary>
public sealed class RandomFlip : AugmentationLayer
{
    /// <summary>Creates an unbuilt random flip.</summary>
    public RandomFlip(bool horizontal = true, bool vertical = false)
    {
        Horizontal = horizontal;
        Vertical = vertical;
    }

    /// <summary>Whether images may be mirrored left–right.</summary>
    public bool Horizontal { get; }

    /// <summary>Whether images may be mirrored top–bottom.</summary>
    public bool Vertical { get; }

    private protected override int DrawsPerSample => 2;

    private protected override bool IsActive => Horizontal || Vertical;

    private protected override void Draw(RandomSource random, Span<float> draws)
    {
        draws[0] = Horizontal && random.NextFloat() < 0.5f ? 1f : 0f;
        draws[1] = Vertical && random.NextFloat() < 0.5f ? 1f : 0f;
    }

    // y = flip(x)
    private protected override void Apply(ReadOnlySpan<float> draws, ReadOnlySpan<float> x, Span<float> y) =>
        ImageWarp.Flip(x, y, Image.Channels, Image.Height, Image.Width, draws[0] != 0, draws[1] != 0);

    // dx = flip(dy)
    private protected override void ApplyTranspose(ReadOnlySpan<float> draws, ReadOnlySpan<float> dy, Span<float> dx) => Apply(draws, dy, dx);

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(RandomFlip)).Set("horizontal", Horizontal).Set("vertical", Vertical);

    internal static RandomFlip Create(LayerConfig config) => new(config.GetBool("horizontal"), config.GetBool("vertical"));
}

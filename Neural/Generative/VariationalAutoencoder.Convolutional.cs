namespace MLExt.Neural;

public sealed partial class VariationalAutoencoder
{
    /// <summary>
    /// A convolutional VAE for [1, side, side] images, side a multiple of 4: two stride-2 4×4 convolutions (32 and 64
    /// filters, ReLU) → dense 2k; z → dense 64·(side/4)² (ReLU) → reshape → two stride-2 4×4 transposed convolutions
    /// (32 filters with ReLU, then 1) back to the image.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The latent size is below 1 or the side not a positive multiple of 4.</exception>
    public static VariationalAutoencoder Convolutional(RandomSource random, int side = 28, int latent = 20)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckAtLeastOne(latent, nameof(latent));
        if (side < 4 || side % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(side), side, "The convolutional VAE needs an image side that is a positive multiple of 4.");
        int quarter = side / 4;
        Layer[] encoder =
        [
            new Conv2D(32, 4, stride: 2, padding: Padding.Same, activation: Activation.Relu),
            new Conv2D(64, 4, stride: 2, padding: Padding.Same, activation: Activation.Relu),
            new Flatten(),
            new Dense(2 * latent),
        ];
        Layer[] decoder =
        [
            new Dense(64 * quarter * quarter, Activation.Relu),
            new Reshape([64, quarter, quarter]),
            new Conv2DTranspose(32, 4, stride: 2, padding: Padding.Same, activation: Activation.Relu),
            new Conv2DTranspose(1, 4, stride: 2, padding: Padding.Same),
        ];
        return new([1, side, side], encoder, decoder, latent, random);
    }
}

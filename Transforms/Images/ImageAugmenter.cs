using MLExt.Neural;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// Makes augmented copies of <see cref="MLImage"/>s with the same maths as MLExt's augmentation layers: the image
/// becomes planes [R, G, B, A] in [0, 1]; <see cref="RandomFlip"/>, <see cref="RandomRotation"/>, <see cref="RandomZoom"/>
/// and <see cref="RandomTranslation"/> move all four planes; <see cref="RandomContrast"/>, <see cref="RandomBrightness"/>
/// and <see cref="GaussianNoise"/> change the colour planes; the result is rounded back to bytes in the input's pixel
/// format. Each call is seeded, so an image and a seed always give the same copy. Thread-safe.
/// </summary>
public sealed class ImageAugmenter
{
    private const int Planes = 4, ColorPlanes = 3;
    private readonly ImageAugmentationOptions _options;

    /// <summary>Creates an augmenter with a copy of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public ImageAugmenter(ImageAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
    }

    /// <summary>A new augmented copy of <paramref name="image"/> (which is left unchanged); the caller disposes it.</summary>
    /// <exception cref="ArgumentException">The image's pixel format is not 32-bit RGBA or BGRA.</exception>
    public MLImage Augment(MLImage image, int seed)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.PixelFormat is not (MLPixelFormat.Rgba32 or MLPixelFormat.Bgra32))
            throw new ArgumentException($"Images must be 32-bit RGBA or BGRA to augment, got {image.PixelFormat}.", nameof(image));
        int height = image.Height, width = image.Width, plane = height * width;
        bool bgra = image.PixelFormat == MLPixelFormat.Bgra32;
        var pixels = image.Pixels;
        var x = new Tensor(1, Planes, height, width);
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < Planes; c++)
                x[Channel(c, bgra) * plane + p] = pixels[p * Planes + c] / 255f;

        var random = new RandomSource(seed);
        var y = Run(Geometric(height, width), x, [Planes, height, width], random);
        var colors = new Tensor(y.Span[..(ColorPlanes * plane)].ToArray(), 1, ColorPlanes, height, width);
        colors = Run(Photometric(), colors, [ColorPlanes, height, width], random);

        var bytes = new byte[plane * Planes];
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < Planes; c++)
            {
                int source = Channel(c, bgra) * plane + p;
                float value = source < ColorPlanes * plane ? colors[source] : y[source];
                bytes[p * Planes + c] = (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);
            }
        return MLImage.CreateFromPixels(width, height, image.PixelFormat, bytes);
    }

    /// <summary>The plane (R = 0, G = 1, B = 2, A = 3) of byte <paramref name="c"/> of a pixel.</summary>
    private static int Channel(int c, bool bgra) => bgra && c < ColorPlanes ? ColorPlanes - 1 - c : c;

    private IEnumerable<Layer> Geometric(int height, int width)
    {
        var o = _options;
        if (o.HorizontalFlip || o.VerticalFlip) yield return new RandomFlip(o.HorizontalFlip, o.VerticalFlip);
        if (o.MaxRotationDegrees > 0) yield return new RandomRotation(o.MaxRotationDegrees);
        if (o.MinScale != 1f || o.MaxScale != 1f) yield return new RandomZoom(o.MinScale, o.MaxScale);
        var shift = new Size2D((int)MathF.Round(o.MaxTranslationFraction * height), (int)MathF.Round(o.MaxTranslationFraction * width));
        if (shift.Height > 0 || shift.Width > 0) yield return new RandomTranslation(shift);
    }

    private IEnumerable<Layer> Photometric()
    {
        var o = _options;
        if (o.MinContrast != 1f || o.MaxContrast != 1f) yield return new RandomContrast(o.MinContrast, o.MaxContrast);
        if (o.MaxBrightnessDelta > 0) yield return new RandomBrightness(o.MaxBrightnessDelta);
        if (o.NoiseStandardDeviation > 0) yield return new GaussianNoise(o.NoiseStandardDeviation);
    }

    /// <summary>Runs fresh layers in training mode, each built (and so seeded) from <paramref name="random"/> in turn.</summary>
    private static Tensor Run(IEnumerable<Layer> layers, Tensor x, int[] shape, RandomSource random)
    {
        foreach (var layer in layers)
        {
            layer.Build(shape, random);
            x = layer.Forward(x, training: true);
        }
        return x;
    }
}

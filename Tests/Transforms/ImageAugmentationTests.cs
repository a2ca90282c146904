using MLExt.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MLExt.Tests.Transforms;

public sealed class ImageAugmentationTests
{
    private const int Side = 6;

    /// <summary>An opaque 6×6 RGBA image whose red value is 10·row + column, green 100 + that, blue 200 − that.</summary>
    private static MLImage Gradient(MLPixelFormat format = MLPixelFormat.Rgba32)
    {
        var bytes = new byte[Side * Side * 4];
        for (int h = 0; h < Side; h++)
            for (int w = 0; w < Side; w++)
            {
                int p = (h * Side + w) * 4, v = 10 * h + w;
                (byte r, byte g, byte b) = ((byte)v, (byte)(100 + v), (byte)(200 - v));
                (bytes[p], bytes[p + 1], bytes[p + 2], bytes[p + 3]) = format == MLPixelFormat.Rgba32 ? (r, g, b, (byte)255) : (b, g, r, (byte)255);
            }
        return MLImage.CreateFromPixels(Side, Side, format, bytes);
    }

    private static ImageAugmentationOptions Only(Action<ImageAugmentationOptions> change)
    {
        var options = new ImageAugmentationOptions
        {
            HorizontalFlip = false, MaxRotationDegrees = 0, MinScale = 1, MaxScale = 1, MaxTranslationFraction = 0,
        };
        change(options);
        return options;
    }

    [Fact]
    public void FlipGivesTheImageOrItsMirror()
    {
        using var image = Gradient();
        var augmenter = new ImageAugmenter(Only(o => o.HorizontalFlip = true));
        var original = image.Pixels.ToArray();
        var mirror = new byte[original.Length];
        for (int h = 0; h < Side; h++)
            for (int w = 0; w < Side; w++)
                original.AsSpan((h * Side + w) * 4, 4).CopyTo(mirror.AsSpan((h * Side + Side - 1 - w) * 4, 4));
        int mirrored = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            using var copy = augmenter.Augment(image, seed);
            var pixels = copy.Pixels.ToArray();
            if (pixels.SequenceEqual(mirror)) mirrored++;
            else Assert.Equal(original, pixels);
        }
        Assert.InRange(mirrored, 5, 35);
    }

    [Fact]
    public void SameSeedSameCopyAndSeedsDiffer()
    {
        using var image = Gradient();
        var augmenter = new ImageAugmenter(new ImageAugmentationOptions { MaxRotationDegrees = 20, MaxBrightnessDelta = 0.1f, NoiseStandardDeviation = 0.02f });
        using var a = augmenter.Augment(image, 5);
        using var b = augmenter.Augment(image, 5);
        using var c = augmenter.Augment(image, 6);
        Assert.Equal(a.Pixels.ToArray(), b.Pixels.ToArray());
        Assert.NotEqual(a.Pixels.ToArray(), c.Pixels.ToArray());
        Assert.Equal((Side, Side, MLPixelFormat.Rgba32), (a.Width, a.Height, a.PixelFormat));
    }

    [Fact]
    public void BgraImagesAugmentLikeTheirRgbaTwin()
    {
        using var rgba = Gradient(MLPixelFormat.Rgba32);
        using var bgra = Gradient(MLPixelFormat.Bgra32);
        var augmenter = new ImageAugmenter(new ImageAugmentationOptions { MaxRotationDegrees = 30, MinContrast = 0.5f, MaxContrast = 1.5f });
        using var fromRgba = augmenter.Augment(rgba, 3);
        using var fromBgra = augmenter.Augment(bgra, 3);
        Assert.Equal(MLPixelFormat.Bgra32, fromBgra.PixelFormat);
        var x = fromRgba.Pixels.ToArray();
        var y = fromBgra.Pixels.ToArray();
        for (int p = 0; p < Side * Side; p++)
            Assert.Equal((x[4 * p], x[4 * p + 1], x[4 * p + 2], x[4 * p + 3]), (y[4 * p + 2], y[4 * p + 1], y[4 * p], y[4 * p + 3]));
    }

    [Fact]
    public void BrightnessIsClippedAndKeepsAlpha()
    {
        using var image = Gradient();
        var augmenter = new ImageAugmenter(Only(o => o.MaxBrightnessDelta = 0.3f));
        for (int seed = 0; seed < 5; seed++)
        {
            using var copy = augmenter.Augment(image, seed);
            var pixels = copy.Pixels.ToArray();
            var source = image.Pixels.ToArray();
            int delta = pixels[1] - source[1]; // green 100 ± 77 never clips; red (0…55) and blue (145…200) may
            for (int p = 0; p < Side * Side; p++)
            {
                Assert.Equal(255, pixels[4 * p + 3]);
                for (int c = 0; c < 3; c++)
                    Assert.InRange(pixels[4 * p + c] - Math.Clamp(source[4 * p + c] + delta, 0, 255), -1, 1);
            }
        }
    }

    [Fact]
    public void RotationFillsUncoveredCornersWithTransparentBlack()
    {
        using var image = Gradient();
        var augmenter = new ImageAugmenter(Only(o => o.MaxRotationDegrees = 180));
        int cleared = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            using var copy = augmenter.Augment(image, seed);
            var corner = copy.Pixels.Slice(0, 4).ToArray();
            if (corner[3] == 0) { cleared++; Assert.Equal(new byte[4], corner); }
        }
        Assert.True(cleared > 0, "no rotation uncovered the top-left corner");
    }

    private sealed class ImageRow
    {
        [ImageType(Side, Side)]
        public MLImage Image { get; set; } = null!;

        public string Label { get; set; } = "";
    }

    private static IDataView Rows(MLContext ml, int count) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new ImageRow { Image = Gradient(), Label = $"class{i}" }).ToArray());

    [Fact]
    public void DataOperationAddsCopiesAfterEachOriginalAndKeepsOtherColumns()
    {
        var ml = new MLContext(seed: 1);
        var augmented = ml.Data.AugmentImages(Rows(ml, 3), "Image", new ImageAugmentationOptions { CopiesPerImage = 2, Seed = 4 });
        Assert.Equal(9, augmented.GetRowCount());
        Assert.Equal(["class0", "class0", "class0", "class1", "class1", "class1", "class2", "class2", "class2"], augmented.GetColumn<string>("Label"));

        var first = Pixels(augmented);
        using var original = Gradient();
        Assert.Equal(original.Pixels.ToArray(), first[0]);
        Assert.NotEqual(first[0], first[1]);
        Assert.NotEqual(first[1], first[2]);
        Assert.Equal(first, Pixels(augmented)); // a second pass makes the same images
    }

    [Fact]
    public void WithoutOriginalsOnlyCopiesAreReturned()
    {
        var ml = new MLContext(seed: 1);
        var augmented = ml.Data.AugmentImages(Rows(ml, 4), "Image", new ImageAugmentationOptions { CopiesPerImage = 1, KeepOriginals = false });
        Assert.Equal(4, augmented.GetRowCount());
        Assert.Equal(4, Pixels(augmented).Count);
    }

    [Fact]
    public void AugmentedImagesFlowIntoExtractPixels()
    {
        var ml = new MLContext(seed: 1);
        var augmented = ml.Data.AugmentImages(Rows(ml, 2), "Image", new ImageAugmentationOptions { CopiesPerImage = 3 });
        var pixels = ml.Transforms.ExtractPixels("Pixels", "Image", scaleImage: 1f / 255).Fit(augmented).Transform(augmented);
        var vectors = pixels.GetColumn<float[]>("Pixels").ToList();
        Assert.Equal(8, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(3 * Side * Side, v.Length));
        Assert.All(vectors, v => Assert.All(v, x => Assert.InRange(x, 0f, 1f)));
    }

    private static List<byte[]> Pixels(IDataView data)
    {
        var result = new List<byte[]>();
        var column = data.Schema["Image"];
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<MLImage>(column);
        MLImage image = null!;
        while (cursor.MoveNext())
        {
            getter(ref image);
            result.Add(image.Pixels.ToArray());
        }
        image?.Dispose();
        return result;
    }

    [Theory]
    [InlineData(nameof(ImageAugmentationOptions.CopiesPerImage))]
    [InlineData(nameof(ImageAugmentationOptions.MaxRotationDegrees))]
    [InlineData(nameof(ImageAugmentationOptions.MinScale))]
    [InlineData(nameof(ImageAugmentationOptions.MaxScale))]
    [InlineData(nameof(ImageAugmentationOptions.MaxTranslationFraction))]
    [InlineData(nameof(ImageAugmentationOptions.MaxContrast))]
    [InlineData(nameof(ImageAugmentationOptions.MaxBrightnessDelta))]
    [InlineData(nameof(ImageAugmentationOptions.NoiseStandardDeviation))]
    public void OptionOutOfRangeIsNamed(string option)
    {
        var options = new ImageAugmentationOptions();
        switch (option)
        {
            case nameof(ImageAugmentationOptions.CopiesPerImage): options.CopiesPerImage = 0; break;
            case nameof(ImageAugmentationOptions.MaxRotationDegrees): options.MaxRotationDegrees = 181; break;
            case nameof(ImageAugmentationOptions.MinScale): options.MinScale = 0; break;
            case nameof(ImageAugmentationOptions.MaxScale): options.MaxScale = 0.5f; break;
            case nameof(ImageAugmentationOptions.MaxTranslationFraction): options.MaxTranslationFraction = -0.1f; break;
            case nameof(ImageAugmentationOptions.MaxContrast): options.MinContrast = 2; break;
            case nameof(ImageAugmentationOptions.MaxBrightnessDelta): options.MaxBrightnessDelta = float.NaN; break;
            case nameof(ImageAugmentationOptions.NoiseStandardDeviation): options.NoiseStandardDeviation = -1; break;
        }
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.AugmentImages(Rows(ml, 1), "Image", options));
        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void MissingOrNonImageColumnIsNamed()
    {
        var ml = new MLContext(seed: 1);
        var missing = Assert.Throws<ArgumentException>(() => ml.Data.AugmentImages(Rows(ml, 1), "Picture"));
        Assert.Contains("'Picture'", missing.Message);
        var wrongType = Assert.Throws<ArgumentException>(() => ml.Data.AugmentImages(Rows(ml, 1), "Label"));
        Assert.Contains("'Label'", wrongType.Message);
        Assert.Contains("LoadImages", wrongType.Message);
    }
}

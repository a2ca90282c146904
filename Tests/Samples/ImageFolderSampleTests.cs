using MLExt.Data;
using MLExt.Samples.ImageClassification;
using MLExt.Tests.Cli;
using MLExt.Transforms;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace MLExt.Tests.Samples;

/// <summary>Writes MNIST digits out as PNG files, one sub-folder per digit, and runs the image-folder sample on them.</summary>
public sealed class ImageFolderSampleTests(ITestOutputHelper output)
{
    /// <summary>Writes the first <paramref name="perClass"/> digits of each class of the embedded split's training part.</summary>
    internal static void WriteDigits(string folder, int perClass)
    {
        var (train, _) = MnistDigits.Load().Split();
        var written = new int[10];
        for (int i = 0; i < train.Count && written.Min() < perClass; i++)
        {
            int label = train.Labels[i];
            if (written[label] >= perClass) continue;
            var bytes = new byte[MnistDigits.PixelsPerImage * 4];
            for (int p = 0; p < MnistDigits.PixelsPerImage; p++)
            {
                byte v = (byte)MathF.Round(train.Images[i][p] * 255f);
                (bytes[4 * p], bytes[4 * p + 1], bytes[4 * p + 2], bytes[4 * p + 3]) = (v, v, v, 255);
            }
            string classFolder = Directory.CreateDirectory(Path.Combine(folder, $"digit{label}")).FullName;
            using var image = MLImage.CreateFromPixels(MnistDigits.Side, MnistDigits.Side, MLPixelFormat.Rgba32, bytes);
            image.Save(Path.Combine(classFolder, $"{written[label]++:D3}.png"));
        }
    }

    [Fact]
    public void TrainsOnAFolderOfPngDigitsEndToEnd()
    {
        using var temp = new TempFolder();
        string folder = temp.PathOf("digits");
        WriteDigits(folder, perClass: 40);
        Assert.Equal(400, ImageFolder.List(folder).Count);

        var metrics = ImageFolderSample.Run(folder, epochs: 8, augmentedCopies: 1, log: output.WriteLine);
        output.WriteLine($"test accuracy {metrics.MicroAccuracy:P2} on {metrics.ConfusionMatrix.Counts.Sum(r => r.Sum())} held-out PNGs");
        Assert.Equal(10, metrics.ConfusionMatrix.NumberOfClasses);
        Assert.True(metrics.MicroAccuracy > 0.7, $"accuracy {metrics.MicroAccuracy:P1} on held-out digits after training on ~320 PNGs");
    }

    [Fact]
    public void ImageFolderListsClassesAndFilesInOrder()
    {
        using var temp = new TempFolder();
        string folder = temp.PathOf("digits");
        WriteDigits(folder, perClass: 2);
        File.WriteAllText(Path.Combine(folder, "digit3", "notes.txt"), "not an image");
        var rows = ImageFolder.List(folder);
        Assert.Equal(20, rows.Count);
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(d => new[] { $"digit{d}", $"digit{d}" }), rows.Select(r => r.Label));
        Assert.EndsWith(Path.Combine("digit0", "000.png"), rows[0].ImagePath);
        Assert.True(Path.IsPathFullyQualified(rows[0].ImagePath));
    }

    [Fact]
    public void MissingFolderOrSingleClassIsExplained()
    {
        using var temp = new TempFolder();
        var missing = Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.List(temp.PathOf("nowhere")));
        Assert.Contains("nowhere", missing.Message);
        Directory.CreateDirectory(temp.PathOf("one/cats"));
        File.WriteAllBytes(temp.PathOf("one/cats/a.png"), [1, 2, 3]);
        var single = Assert.Throws<ArgumentException>(() => ImageFolder.List(temp.PathOf("one")));
        Assert.Contains("1 class", single.Message);
    }
}

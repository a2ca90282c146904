using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: a file that cannot be decoded among many images is named; <c>--bad-images stop</c> (the default) ends
/// there, <c>--bad-images skip</c> leaves such files out and lists them.
/// </summary>
public class AnUnreadableImageIsNamedTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _images;

    public AnUnreadableImageIsNamedTests()
    {
        _images = _folder.PathOf("images");
        foreach (var (label, shade) in new[] { ("dark", (byte)30), ("light", (byte)220) })
        {
            string classFolder = Path.Combine(_images, label);
            Directory.CreateDirectory(classFolder);
            for (int i = 0; i < 6; i++)
            {
                var pixels = Enumerable.Repeat((byte)(shade + i), 8 * 8 * 4).ToArray();
                using var image = Microsoft.ML.Data.MLImage.CreateFromPixels(8, 8, Microsoft.ML.Data.MLPixelFormat.Bgra32, pixels);
                image.Save(Path.Combine(classFolder, $"{i}.png"));
            }
        }
        File.WriteAllBytes(Path.Combine(_images, "light", "broken.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
    }

    public void Dispose() => _folder.Dispose();

    private string[] Images(params string[] more) =>
        ["images", "--folder", _images, "--network", "mlp", "--image-size", "8", "--epochs", "1", "--baselines", "none", "--test-fraction", "0.3", .. more];

    [Fact]
    public void StopIsTheDefaultAndNamesTheFile() =>
        CliRun.Of(Images()).AssertFailure(1, "--folder", "broken.png", "--bad-images skip");

    [Fact]
    public void SkipLeavesTheFileOutAndListsIt()
    {
        var run = CliRun.Of(Images("--bad-images", "skip"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Skipped 1 unreadable image (--bad-images skip):", run.Stdout);
        Assert.Contains("broken.png", run.Stdout);
        Assert.Contains("Images: 12 in 2 classes", run.Stdout);
    }
}

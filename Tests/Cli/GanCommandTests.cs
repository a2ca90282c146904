using System.Globalization;
using MLExt.Evaluation.Plots;
using SkiaSharp;

namespace MLExt.Tests.Cli;

/// <summary><c>mlext gan</c>: errors before any work, and one short run end to end (Long: it trains the digit judge).</summary>
public sealed class GanCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SamplesWithoutOutputIsRefusedNamingTheOptions() =>
        CliRun.Of("gan", "--samples", "10").AssertFailure(1, "--samples needs --output");

    [Fact]
    public void OutputWithoutSamplesIsRefused() =>
        CliRun.Of("gan", "--output", _folder.PathOf("s.csv")).AssertFailure(1, "--output needs --samples");

    [Theory]
    [InlineData("--label-smoothing", "0.5", "--label-smoothing must be at least 0 and below 0.5, got 0.5")]
    [InlineData("--noise", "0", "--noise must be at least 1, got 0")]
    [InlineData("--beta1", "1", "--beta1 must be at least 0 and below 1, got 1")]
    [InlineData("--architecture", "vae", "--architecture must be dcgan or mlp, got 'vae'")]
    public void SettingsOutOfRangeAreRefusedNamingTheOption(string option, string value, string message) =>
        CliRun.Of("gan", option, value).AssertFailure(1, message);

    [Fact]
    public void ReportFolderThatIsAFileIsRefused()
    {
        string file = _folder.Write("taken", "x");
        CliRun.Of("gan", "--report", file).AssertFailure(1, "--report", "is a file");
    }

    [Fact]
    public void TheImageGridHasOneCellPerImage()
    {
        var png = ImageGrid.Png(new float[12 * 6], 2, 3, columns: 5, scale: 2);
        using var bitmap = SKBitmap.Decode(png);
        // 5 columns of (3 + 1)·2 pixels and 3 rows of (2 + 1)·2 pixels, plus the outer border of 2
        Assert.Equal(5 * 8 + 2, bitmap.Width);
        Assert.Equal(3 * 6 + 2, bitmap.Height);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void AShortConditionalRunWritesGridsSamplesAndTheDigitScore()
    {
        string report = _folder.PathOf("report"), csv = _folder.PathOf("samples.csv");
        var run = CliRun.Of("gan", "--json", "--architecture", "mlp", "--width", "8", "--epochs", "1", "--conditional", "--score-samples", "300",
            "--samples", "20", "--output", csv, "--report", report);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.InRange(json.GetProperty("realDigitScore").GetDouble(), 8.5, 10);
        Assert.InRange(json.GetProperty("digitScore").GetDouble(), 1, 10);
        Assert.Equal(10, json.GetProperty("classShares").GetArrayLength());
        Assert.True(json.GetProperty("meanNearestDistance").GetDouble() > 0);
        Assert.True(File.Exists(Path.Combine(report, "epoch-001.png")));
        var lines = File.ReadAllLines(csv);
        Assert.Equal(21, lines.Length);
        Assert.StartsWith("class,pixel0,", lines[0]);
        var first = lines[1].Split(',');
        Assert.Equal(785, first.Length);
        Assert.Equal("0", first[0]);
        Assert.All(first.Skip(1), v => Assert.InRange(double.Parse(v, CultureInfo.InvariantCulture), 0, 1));
    }
}

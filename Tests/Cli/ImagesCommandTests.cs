using System.Text.Json;
using MLExt.Tests.Samples;

namespace MLExt.Tests.Cli;

/// <summary>Two hundred MNIST digits written as PNG files, one sub-folder per digit, shared by the image command tests.</summary>
public sealed class DigitFolderFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public DigitFolderFixture()
    {
        Folder = _temp.PathOf("digits");
        ImageFolderSampleTests.WriteDigits(Folder, perClass: 20);
    }

    public string Folder { get; }

    public void Dispose() => _temp.Dispose();
}

public class ImagesCommandTests(DigitFolderFixture digits) : IClassFixture<DigitFolderFixture>
{
    [Fact]
    public void MlpOnAFolderPrintsTheComparisonTable()
    {
        var run = CliRun.Of("images", "--folder", digits.Folder, "--network", "mlp", "--epochs", "3", "--validation-fraction", "0");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Images: 200 in 10 classes", run.Stdout);
        Assert.Contains("[1, 28, 28]", run.Stdout);
        Assert.Contains("epoch 3/3", run.Stdout);
        Assert.Contains("Comparison on", run.Stdout);
        Assert.Contains("MLExt mlp", run.Stdout);
        Assert.Contains("ML.NET LbfgsMaximumEntropy", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void JsonHoldsTheFiguresOfEveryModel()
    {
        var run = CliRun.Of("images", "--folder", digits.Folder, "--network", "cnn", "--image-size", "12", "--epochs", "2",
            "--rotate", "10", "--shift", "1", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("images", json.GetProperty("command").GetString());
        Assert.Equal(200, json.GetProperty("data").GetProperty("images").GetInt32());
        Assert.Equal(10, json.GetProperty("data").GetProperty("classes").GetArrayLength());
        var split = json.GetProperty("split");
        Assert.Equal(200, split.GetProperty("trainRows").GetInt32() + split.GetProperty("testRows").GetInt32());
        var layers = json.GetProperty("network").GetProperty("layers").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal(["RandomRotation", "RandomTranslation", "Conv2D", "MaxPool2D", "Conv2D", "MaxPool2D", "Flatten", "Dense", "Dense"], layers);
        Assert.Equal(10f, json.GetProperty("augmentation").GetProperty("rotationDegrees").GetSingle());
        var models = json.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["MLExt cnn", "ML.NET LbfgsMaximumEntropy"], models.Select(m => m.GetProperty("model").GetString()));
        Assert.All(models, m => Assert.InRange(m.GetProperty("accuracy").GetDouble(), 0.0, 1.0));
        Assert.Contains("Comparison on", run.Stderr);
    }

    [Theory]
    [InlineData("resnet", "ResidualBlock")]
    [InlineData("separable", "SeparableConv2D")]
    public void EveryNetworkTrains(string network, string layer)
    {
        var run = CliRun.Of("images", "--folder", digits.Folder, "--network", network, "--image-size", "8", "--epochs", "1", "--baselines", "none", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Contains(layer, json.GetProperty("network").GetProperty("layers").EnumerateArray().Select(l => l.GetString()));
        Assert.Single(json.GetProperty("models").EnumerateArray());
    }

    [Fact]
    public void MissingFolderIsAUserError()
    {
        var run = CliRun.Of("images", "--folder", Path.Combine(digits.Folder, "nowhere"));
        run.AssertFailure(1, "--folder", "nowhere");
    }

    [Fact]
    public void FolderWithoutClassesIsAUserError()
    {
        var run = CliRun.Of("images", "--folder", Path.Combine(digits.Folder, "digit3"));
        run.AssertFailure(1, "--folder", "class sub-folder");
    }

    [Theory]
    [InlineData("--image-size", "2", "--image-size")]
    [InlineData("--rotate", "200", "--rotate")]
    [InlineData("--zoom", "1", "--zoom")]
    [InlineData("--epochs", "0", "--epochs")]
    public void OptionOutOfRangeIsNamed(string option, string value, string expected)
    {
        var run = CliRun.Of("images", "--folder", digits.Folder, option, value);
        run.AssertFailure(1, expected);
    }

    [Fact]
    public void PretrainedOnImagesTooSmallFailsBeforeTraining()
    {
        var run = CliRun.Of("images", "--folder", digits.Folder, "--pretrained", "resnet18", "--image-size", "28");
        run.AssertFailure(1, "--image-size 28 is too small for --pretrained resnet18");
        CliRun.Of("images", "--folder", digits.Folder, "--fine-tune-from", "Convolution381").AssertFailure(1, "--fine-tune-from needs --pretrained");
        CliRun.Of("images", "--folder", digits.Folder, "--pretrained", "resnet18", "--fine-tune-from", "layer9", "--labels-per-class", "1")
            .AssertFailure(1, "--fine-tune-from", "no node named 'layer9'");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void PretrainedResNetWithAFewLabelsPerClassTrainsAHead()
    {
        var run = CliRun.Of("images", "--folder", digits.Folder, "--pretrained", "resnet18", "--labels-per-class", "2", "--epochs", "3",
            "--test-fraction", "0.05", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(20, json.RootElement.GetProperty("split").GetProperty("trainRows").GetInt64());
        Assert.StartsWith("ResNet-18 features", json.RootElement.GetProperty("models")[0].GetProperty("model").GetString());
    }

    [Fact]
    public void UnknownNetworkIsAUsageError()
    {
        var run = CliRun.Of("images", "--folder", digits.Folder, "--network", "transformer");
        run.AssertFailure(2, "transformer");
    }

    [Fact]
    public void SameSeedGivesSameFigures()
    {
        string[] args = ["images", "--folder", digits.Folder, "--network", "cnn", "--image-size", "8", "--epochs", "1", "--baselines", "none", "--flip", "--json"];
        var first = CliRun.Of(args).Json().GetProperty("models").GetRawText();
        var second = CliRun.Of(args).Json().GetProperty("models").GetRawText();
        Assert.Equal(Strip(first), Strip(second));

        static string Strip(string models) => JsonDocument.Parse(models).RootElement.EnumerateArray()
            .Select(m => $"{m.GetProperty("accuracy").GetDouble():R}/{m.GetProperty("logLossNats").GetDouble():R}").Aggregate((a, b) => a + b);
    }
}

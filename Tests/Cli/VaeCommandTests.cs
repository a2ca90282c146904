namespace MLExt.Tests.Cli;

public class VaeCommandTests
{
    [Fact]
    public void AQuickRunPrintsTheElboPerEpochAndWritesTheImages()
    {
        using var temp = new TempFolder();
        var folder = temp.PathOf("out");
        var run = CliRun.Of("vae", "--epochs", "2", "--subset", "0.03", "--latent", "2", "--json", "--output", folder);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("epoch   2/2", run.Stderr);
        Assert.Contains("test −ELBO", run.Stderr);
        var json = run.Json();
        double elbo = json.GetProperty("testNegativeElbo").GetDouble();
        Assert.InRange(elbo, 50, 600);
        Assert.Equal(2, json.GetProperty("history").GetArrayLength());
        Assert.Equal(elbo, json.GetProperty("history")[1].GetProperty("testNegativeElbo").GetDouble());
        foreach (var name in new[] { "reconstructions.png", "samples.png", "latent-space.png", "manifold.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, name));
            Assert.True(bytes.Length > 100 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"{name} is a PNG");
        }
    }

    [Theory]
    [InlineData("--latent", "0")]
    [InlineData("--epochs", "0")]
    [InlineData("--batch-size", "0")]
    [InlineData("--learning-rate", "-1")]
    [InlineData("--subset", "1.5")]
    public void BadOptionsFailNamingTheOptionBeforeAnyWork(string option, string value)
    {
        using var temp = new TempFolder();
        var folder = temp.PathOf("out");
        var run = CliRun.Of("vae", option, value, "--output", folder);
        run.AssertFailure(1, option);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void AnOutputThatIsAFileIsRefused()
    {
        using var temp = new TempFolder();
        var file = temp.PathOf("taken.txt");
        File.WriteAllText(file, "x");
        CliRun.Of("vae", "--output", file).AssertFailure(1, "--output");
    }
}

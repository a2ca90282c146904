using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: where a command will write (a folder that exists, is a folder and is writable) and how big its network will
/// be are checked before any data is read or any training starts; the message names the option.
/// </summary>
public class EveryOutputAndSizeIsCheckedBeforeTheWorkTests(CsvFixture files) : IClassFixture<CsvFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void AssertNoWork(CliRun run) => Assert.DoesNotContain("epoch", run.Stdout + run.Stderr);

    [Fact]
    public void ASaveTargetInAMissingFolderFailsBeforeTraining()
    {
        var run = CliRun.Of("train", "--data", files.Binary, "--label", "label", "--task", "binary", "--save", _folder.PathOf("no/such/model.zip"));
        run.AssertFailure(1, "--save", "does not exist");
        AssertNoWork(run);
    }

    [Fact]
    public void TargetsUnderAFileFailBeforeTheWork()
    {
        string file = _folder.Write("plain.txt", "x");
        var train = CliRun.Of("train", "--data", files.Binary, "--label", "label", "--task", "binary", "--save", Path.Combine(file, "m.zip"));
        train.AssertFailure(1, "--save", "is a file, not a folder");
        AssertNoWork(train);
        CliRun.Of("cv", "--data", files.Binary, "--label", "label", "--task", "binary", "--report", Path.Combine(file, "report"))
            .AssertFailure(1, "--report", "is a file, not a folder");
        CliRun.Of("predict", "--model", files.Binary, "--data", files.Binary, "--output", Path.Combine(file, "p.csv"))
            .AssertFailure(1, "--output", "is a file, not a folder");
    }

    [Fact]
    public void AFolderThatCannotBeWrittenFailsBeforeTheWork()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Console.WriteLine("Skipped: permissions are not enforced for this user.");
            return;
        }
        string locked = _folder.PathOf("locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            CliRun.Of("train", "--data", files.Binary, "--label", "label", "--task", "binary", "--save", Path.Combine(locked, "m.zip"))
                .AssertFailure(1, "--save", "cannot write in the folder");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Theory]
    [InlineData("train")]
    [InlineData("cv")]
    public void AnOversizedNetworkFailsBeforeReadingTheData(string command)
    {
        string[] args = command == "train"
            ? ["train", "--data", files.Missing, "--label", "label", "--task", "binary", "--layers", "100000000"]
            : ["cv", "--data", files.Missing, "--label", "label", "--task", "binary", "--report", _folder.PathOf("r"), "--layers", "20000,20000"];
        // The data file does not exist either: the size is reported first, so nothing was read.
        CliRun.Of(args).AssertFailure(1, "--layers", "more than 100,000,000 parameters");
    }

    [Fact]
    public void AnOversizedEmbeddingFailsBeforeReadingTheMails() =>
        CliRun.Of("spam", "--models", "lstm", "--vocabulary", "100000000", "--embedding", "64")
            .AssertFailure(1, "--vocabulary 100000000 with --embedding 64", "at most 100,000,000");
}

using MLExt.Evaluation.Reports;
using MLExt.IO;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: every output is written through a temporary file renamed into place; a write that fails or is cancelled
/// leaves the old file whole and no temporary file, and an interrupted process deletes its temporary files (the CLI
/// calls <see cref="TemporaryFiles.DeleteAll"/> on Ctrl+C; normal exit does too).
/// </summary>
public class NoPartialFileOutlivesAFailedOrInterruptedWriteTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string[] Leftovers() => Directory.GetFiles(Path.GetDirectoryName(_folder.PathOf("x"))!, "*.tmp", SearchOption.AllDirectories);

    [Fact]
    public void ACancelledWriteKeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        string path = _folder.Write("model.zip", "old");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            cancel.Token.ThrowIfCancellationRequested();
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void AnInterruptionMidWriteDeletesTheTemporaryFile()
    {
        string path = _folder.PathOf("model.zip");
        string? temporary = null;
        Assert.Throws<FileNotFoundException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            temporary = TemporaryFiles.InFlight.Single(f => f.Contains("model.zip", StringComparison.Ordinal));
            Assert.True(File.Exists(temporary));
            // What Ctrl+C does in the CLI before the process ends.
            TemporaryFiles.DeleteAll();
        }));
        Assert.False(File.Exists(temporary));
        Assert.False(File.Exists(path));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void ReportFilesAreWrittenWholeWithNoTemporaryFileLeft()
    {
        var report = EvaluationReport.FromEvaluation("r", "m",
            MLExt.Evaluation.Binary.BinaryEvaluator.Evaluate(new MLExt.Evaluation.Binary.BinaryPredictions([true, false, true], [0.9, 0.2, 0.4], [])));
        string directory = _folder.PathOf("report");
        var written = ReportWriter.WriteAll(report, directory);
        Assert.All(written, file => Assert.True(new FileInfo(file).Length > 0, file));
        Assert.Empty(Leftovers());
    }

    [Fact]
    [Trait("Category", "Long")]
    public void CtrlCDuringSaveLeavesNoTemporaryFile()
    {
        if (OperatingSystem.IsWindows()) return;
        string data = _folder.PathOf("data.csv"), model = Path.Combine(_folder.PathOf("out"), "m.zip"), temp = _folder.PathOf("tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        Directory.CreateDirectory(temp);
        File.WriteAllLines(data, ["a,b,label", .. Enumerable.Range(0, 60).Select(i => $"{i % 7},{i % 5},{(i % 2 == 0 ? "yes" : "no")}")]);
        string folder = Path.GetDirectoryName(model)!;
        // A network of 9 million weights takes long enough to save for the interruption to land mid-write.
        var run = MlextProcess.Run(temp, () => Directory.GetFiles(folder, "*.tmp").Length > 0,
            "train", "--data", data, "--label", "label", "--task", "binary", "--epochs", "1", "--layers", "3000,3000", "--save", model);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(Directory.GetFiles(folder));
        Assert.Empty(Directory.GetDirectories(temp)); // the private folder, with the network copies, is gone too
    }
}

using MLExt.IO;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: ML.NET's temporary copies of a network (it writes the ONNX graph of every model it builds or loads to a
/// file) live in a private folder (0700, files 0600) that is deleted when the process ends: after <c>train --save</c>,
/// <c>tune --model</c> or a failed <c>predict</c> the system temporary folder holds no copy of the weights.
/// </summary>
public class NoCopyOfTheWeightsOutlivesTheProcessTests(CsvFixture files) : IClassFixture<CsvFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Files holding an MLExt ONNX graph: protobuf field 2 (producer_name) = "MLExt".
    private static List<string> NetworkCopies(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf("\u0012\u0005MLExt"u8) >= 0)];

    [Fact]
    public void TrainTuneAndAFailedPredictLeaveNoCopy()
    {
        string temp = _folder.PathOf("tmp");
        Directory.CreateDirectory(temp);
        string model = _folder.PathOf("m.zip"), best = _folder.PathOf("best.zip");
        var train = MlextProcess.Run(temp, "train", "--data", files.Binary, "--label", "label", "--task", "binary", "--epochs", "2", "--layers", "4", "--save", model);
        Assert.True(train.ExitCode == 0, train.Stderr);
        var predict = MlextProcess.Run(temp, "predict", "--model", model, "--data", files.TextLabel);
        Assert.NotEqual(0, predict.ExitCode);
        var tune = MlextProcess.Run(temp, "tune", "--data", files.Binary, "--label", "label", "--task", "binary", "--trainers", "network",
            "--trials", "1", "--folds", "0", "--min-epochs", "1", "--max-epochs", "1", "--model", best);
        Assert.True(tune.ExitCode == 0, tune.Stderr);
        Assert.True(File.Exists(best));
        Assert.Empty(NetworkCopies(temp));
        // Nor any folder: ML.NET's own (ml_dotnet_*, where it stages zip entries) live in the private folder too.
        Assert.Empty(Directory.GetDirectories(temp));
    }

    [Fact]
    public void SavingDeletesItsCopyAtOnceNotOnlyAtExit()
    {
        var ml = new Microsoft.ML.MLContext(seed: 1);
        var data = MLExt.Tests.Trainers.SyntheticData.Multiclass(ml, 60, 1);
        var model = MLExt.Tests.Trainers.TrainerFactory.Multiclass(ml, o => o.NumberOfEpochs = 1).Fit(data);
        string graph;
        using (var saved = MLExt.Trainers.SavedModel.Build(model))
        {
            graph = saved.GraphFile;
            Assert.StartsWith(PrivateTempFolder.Path, graph, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(graph));
        }
        Assert.False(File.Exists(graph));
    }

    [Fact]
    public void ThePrivateFolderIsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(PrivateTempFolder.Path));
        string file = Path.Combine(PrivateTempFolder.Path, "copy");
        File.WriteAllText(file, "weights");
        PrivateTempFolder.RestrictFiles();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        File.Delete(file);
    }
}

using MLExt.IO;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: no command overwrites one of its inputs, however the path is spelt (relative, with <c>..</c>, through a
/// symbolic link); and a command that fails leaves an existing output as it was.
/// </summary>
public class AnOutputNeverReplacesAnInputTests(CsvFixture files) : IClassFixture<CsvFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string CopyOfData()
    {
        string data = _folder.PathOf("data.csv");
        File.Copy(files.Binary, data, overwrite: true);
        return data;
    }

    private string Model(string data)
    {
        string model = _folder.PathOf("model.zip");
        var run = CliRun.Of("train", "--data", data, "--label", "label", "--task", "binary", "--epochs", "2", "--layers", "4", "--save", model);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return model;
    }

    [Fact]
    public void TrainRefusesToSaveOverItsData()
    {
        string data = CopyOfData();
        string spelt = Path.Combine(Path.GetDirectoryName(data)!, "sub", "..", "data.csv");
        CliRun.Of("train", "--data", data, "--label", "label", "--task", "binary", "--save", spelt)
            .AssertFailure(1, "--save", "is the same file as --data", "choose another file");
        Assert.Equal(File.ReadAllText(files.Binary), File.ReadAllText(data));
    }

    [Fact]
    public void TheSameFileThroughASymbolicLinkIsRefused()
    {
        string data = CopyOfData();
        string link = _folder.PathOf("link.csv");
        File.CreateSymbolicLink(link, data);
        CliRun.Of("train", "--data", link, "--label", "label", "--task", "binary", "--save", data)
            .AssertFailure(1, "--save", "is the same file as --data");
        Assert.Equal(File.ReadAllText(files.Binary), File.ReadAllText(data));
    }

    [Fact]
    public void PredictRefusesToWriteOverItsDataAndExportOverItsModel()
    {
        string data = CopyOfData();
        string model = Model(data);
        byte[] zip = File.ReadAllBytes(model);
        CliRun.Of("predict", "--model", model, "--data", data, "--output", data).AssertFailure(1, "--output", "--data");
        CliRun.Of("predict", "--model", model, "--data", data, "--output", model).AssertFailure(1, "--output", "--model");
        CliRun.Of("export", "--model", model, "--onnx", model).AssertFailure(1, "--onnx", "--model");
        Assert.Equal(File.ReadAllText(files.Binary), File.ReadAllText(data));
        Assert.Equal(zip, File.ReadAllBytes(model));
    }

    [Fact]
    public void ExportOfACorruptModelLeavesTheTargetAsItWas()
    {
        // The network inside is intact (it exports), but ML.NET cannot load the pipeline around it.
        string model = Model(CopyOfData());
        using (var zip = System.IO.Compression.ZipFile.Open(model, System.IO.Compression.ZipArchiveMode.Update))
        {
            zip.GetEntry("TransformerChain/Model.key")!.Delete();
            using var damaged = zip.CreateEntry("TransformerChain/Model.key").Open();
            damaged.Write("damaged"u8);
        }
        string target = _folder.Write("out.onnx", "the user's earlier export");
        CliRun.Of("export", "--model", model, "--onnx", target).AssertFailure(1, "--model", "model.zip", "not a loadable ML.NET model zip");
        Assert.Equal("the user's earlier export", File.ReadAllText(target));
        CliRun.Of("export", "--model", _folder.Write("corrupt.zip", "not a zip"), "--onnx", target).AssertFailure(1, "--model", "corrupt.zip");
        Assert.Equal("the user's earlier export", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.tmp"));
    }

    [Fact]
    public void EverySpellingOfOneFileIsThatFile()
    {
        string data = CopyOfData();
        string folder = Path.GetDirectoryName(data)!;
        string linkedFolder = _folder.PathOf("linked");
        Directory.CreateSymbolicLink(linkedFolder, folder);
        Assert.True(FilePaths.SameFile(data, Path.Combine(linkedFolder, "data.csv")));
        // As the system resolves it: "linked/.." is the folder above the link's target.
        Assert.True(FilePaths.SameFile(data, Path.Combine(linkedFolder, "..", Path.GetFileName(folder), "data.csv")));
        Assert.False(FilePaths.SameFile(data, _folder.PathOf("other.csv")));
        // Letter case: one file where the file system folds case, two files where it does not.
        string upper = Path.Combine(folder, "DATA.CSV");
        if (File.Exists(upper))
            Assert.True(FilePaths.SameFile(data, upper));
        else
        {
            File.WriteAllText(upper, "another file");
            Assert.False(FilePaths.SameFile(data, upper));
        }
    }
}

using System.IO.Compression;
using MLExt.Tests.Cli;
using MLExt.Trainers;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: a model zip is data. A hostile one (entries escaping the archive, huge declared sizes, a graph with absurd
/// shapes) fails with a message naming the file, before ML.NET reads it: nothing is written outside a temporary
/// folder and nothing is allocated in proportion to what the file claims.
/// </summary>
public class AHostileModelZipFailsCleanlyTests(CsvFixture files) : IClassFixture<CsvFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Zip(string name, Action<ZipArchive> fill)
    {
        string path = _folder.PathOf(name);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            fill(zip);
        return path;
    }

    private static void Entry(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }

    [Fact]
    public void AnEntryOutsideTheArchiveIsRefusedByPredictAndExport()
    {
        string zip = Zip("escape.zip", z => Entry(z, "../../escaped.txt", "x"u8.ToArray()));
        CliRun.Of("predict", "--model", zip, "--data", files.Binary).AssertFailure(1, "--model", "escape.zip", "'../../escaped.txt' points outside the archive");
        CliRun.Of("export", "--model", zip, "--onnx", _folder.PathOf("x.onnx")).AssertFailure(1, "--model", "escape.zip", "outside the archive");
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(zip)!)!, "escaped.txt")));
    }

    [Fact]
    public void AGraphLongerThanItsEntryIsRefusedWithoutAllocatingIt()
    {
        // The entry claims a graph of 2 GB in 4 bytes: read as claimed, that would allocate 2 GB.
        string zip = Zip("huge.zip", z => Entry(z, "TransformerChain/Transform_000/OnnxModel", BitConverter.GetBytes(int.MaxValue)));
        var error = Assert.Throws<InvalidDataException>(() => ModelZip.Check(zip));
        Assert.Contains("huge.zip", error.Message);
        Assert.Contains("2,147,483,647 bytes", error.Message);
    }

    [Fact]
    public void AGraphWithAbsurdShapesIsRefused()
    {
        var model = new MLExt.Neural.Onnx.Proto.ModelProto { Graph = new MLExt.Neural.Onnx.Proto.GraphProto() };
        var weights = new MLExt.Neural.Onnx.Proto.TensorProto { Name = "W", DataType = 1 };
        weights.Dims.Add([1_000_000, 1_000_000]);
        model.Graph.Initializer.Add(weights);
        byte[] graph = Google.Protobuf.MessageExtensions.ToByteArray(model);
        string zip = Zip("shapes.zip", z => Entry(z, "TransformerChain/Transform_000/OnnxModel", [.. BitConverter.GetBytes(graph.Length), .. graph]));
        var error = Assert.Throws<InvalidDataException>(() => ModelZip.Check(zip));
        Assert.Contains("shapes.zip", error.Message);
        Assert.Contains("tensor 'W' of shape [1000000, 1000000]", error.Message);
    }

    [Fact]
    public void NotAZipAtAllNamesTheFile() =>
        CliRun.Of("predict", "--model", _folder.Write("text.zip", "hello"), "--data", files.Binary).AssertFailure(1, "--model", "text.zip");
}

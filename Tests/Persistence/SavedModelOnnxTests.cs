using MLExt.Neural.Onnx.Proto;
using MLExt.Tests.Onnx;
using MLExt.Tests.Trainers;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Tensor = MLExt.Neural.Tensor;

namespace MLExt.Tests.Persistence;

public sealed class SavedModelOnnxTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-savedonnx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("multiclass")]
    [InlineData("binary")]
    [InlineData("regression")]
    public void TheNetworkExportedFromAZipEqualsTheTrainedModelsExportAndItsScores(string task)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = task switch
        {
            "multiclass" => SyntheticData.Multiclass(ml, 200, 1),
            "binary" => SyntheticData.Binary(ml, 200, 1),
            _ => SyntheticData.Regression(ml, 200, 1),
        };
        IEstimator<ITransformer> trainer = task switch
        {
            "multiclass" => TrainerFactory.Multiclass(ml, o => o.NumberOfEpochs = 3),
            "binary" => TrainerFactory.Binary(ml, o => o.NumberOfEpochs = 3),
            _ => TrainerFactory.Regression(ml, o => o.NumberOfEpochs = 3),
        };
        var model = ml.Transforms.NormalizeMinMax("Features").Append(trainer).Fit(data);
        var network = (NeuralNetworkTransformer)model.LastTransformer;
        string path = Path.Combine(_directory, "model.zip");
        ml.Model.Save(model, data.Schema, path);

        using var fromZip = new MemoryStream();
        SavedModelOnnx.ExportNetwork(path, fromZip);
        using var direct = new MemoryStream();
        network.ExportOnnx(direct);

        var zipModel = ModelProto.Parser.ParseFrom(fromZip.ToArray());
        var directModel = ModelProto.Parser.ParseFrom(direct.ToArray());
        Assert.Equal(directModel.Graph.Input.ToString(), zipModel.Graph.Input.ToString());
        Assert.Equal(directModel.Graph.Output.ToString(), zipModel.Graph.Output.ToString());
        Assert.Equal(directModel.MetadataProps.OrderBy(p => p.Key).Select(p => p.ToString()), zipModel.MetadataProps.OrderBy(p => p.Key).Select(p => p.ToString()));
        Assert.Equal(directModel.OpsetImport.ToString(), zipModel.OpsetImport.ToString());
        Assert.DoesNotContain(zipModel.Graph.Node, n => n.Name.StartsWith("mlnet.", StringComparison.Ordinal));

        // Both run in ONNX Runtime on a batch of normalised features and give the transformer's outputs.
        var normalised = model.Take(1).Single().Transform(data);
        var features = normalised.GetColumn<float[]>("Features").Take(7).SelectMany(f => f).ToArray();
        var batch = new Tensor(features, 7, SyntheticData.FeatureCount);
        var a = OnnxRuntimeRunner.Run(fromZip.ToArray(), "Features", batch);
        var b = OnnxRuntimeRunner.Run(direct.ToArray(), "Features", batch);
        Assert.Equal(b.Keys.Order(), a.Keys.Order());
        foreach (var (name, (values, shape)) in b)
        {
            Assert.Equal(shape, a[name].Shape);
            Assert.Equal(values, a[name].Values);
        }
        var expected = task == "multiclass"
            ? model.Transform(data).GetColumn<float[]>("Score").Take(7).SelectMany(s => s).ToArray()
            : model.Transform(data).GetColumn<float>("Score").Take(7).ToArray();
        Neural.TestTensors.AssertClose(expected, b["Score"].Values, 1e-5, $"{task} Score");
    }

    [Fact]
    public void AZipWithoutAnMLExtNetworkIsRefused()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticData.Regression(ml, 20, 1);
        string path = Path.Combine(_directory, "plain.zip");
        ml.Model.Save(ml.Transforms.NormalizeMinMax("Features").Fit(data), data.Schema, path);
        var e = Assert.Throws<InvalidDataException>(() => SavedModelOnnx.ExportNetwork(path, new MemoryStream()));
        Assert.Contains("no MLExt network", e.Message);

        File.WriteAllText(path, "not a zip");
        Assert.Contains("not a loadable ML.NET model zip", Assert.Throws<InvalidDataException>(() => SavedModelOnnx.ExportNetwork(path, new MemoryStream())).Message);
    }
}

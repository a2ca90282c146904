using Google.Protobuf;
using MLExt.Neural;
using MLExt.Neural.Onnx.Proto;
using MLExt.Tests.Neural;

namespace MLExt.Tests.Onnx;

/// <summary>
/// ONNX import: every export case of <see cref="OnnxLayerCases"/> is an import case. A case whose operators MLExt
/// imports must give ONNX Runtime's output on the same file (relative 1e-4) and export again to an equivalent model;
/// a case with an operator it does not import must fail naming that node and operator.
/// </summary>
public sealed class OnnxImportTests : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly string _folder = Directory.CreateTempSubdirectory("mlext-onnx-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Save(byte[] model, string name = "model.onnx")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, model);
        return path;
    }

    [Theory]
    [MemberData(nameof(OnnxLayerCases.Names), MemberType = typeof(OnnxLayerCases))]
    public void ImportedExportCasesAgreeWithOnnxRuntime(string caseName)
    {
        var (_, _, inputShape, layers) = OnnxLayerCases.Get(caseName);
        var network = new Network(layers());
        var random = new RandomSource(11);
        network.Build(inputShape, random);
        foreach (var p in network.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 0.2f * random.NextGaussian();
        foreach (var s in network.States)
            for (int i = 0; i < s.Value.Length; i++) s.Value[i] = 0.5f + random.NextFloat();
        var x = OnnxLayerCases.Input(caseName, random, TestTensors.Batch(5, inputShape));
        var bytes = network.ExportOnnx(inputName: "x", outputName: "y");
        var path = Save(bytes);
        var model = ModelProto.Parser.ParseFrom(bytes);

        var unsupported = model.Graph.Node.FirstOrDefault(n => !OnnxImport.SupportedOperators.Contains(n.OpType));
        if (unsupported is not null)
        {
            var error = Assert.Throws<NotSupportedException>(() => ModelGraph.FromOnnx(path));
            Assert.Contains($"'{unsupported.Name}' ({unsupported.OpType})", error.Message);
            Assert.Contains(path, error.Message);
            return;
        }

        var graph = ModelGraph.FromOnnx(path);
        var (reference, shape) = OnnxRuntimeRunner.Run(bytes, "x", x)["y"];
        var actual = graph.Forward(x, training: false);
        Assert.Equal(shape, actual.Shape);
        TestTensors.AssertClose(reference, actual.Span, Tolerance, caseName);

        // export → import → export: the second export computes the same and is a fixed point of import/export.
        var again = graph.ExportOnnx();
        var (second, _) = OnnxRuntimeRunner.Run(again, "x", x)["y"];
        TestTensors.AssertClose(reference, second, Tolerance, caseName + " re-exported");
        var third = ModelGraph.FromOnnx(Save(again, "again.onnx")).ExportOnnx();
        Assert.Equal(OnnxRuntimeRunner.OperatorTypes(again), OnnxRuntimeRunner.OperatorTypes(third));
        Assert.Equal(Initialisers(again), Initialisers(third));
    }

    private static float[] Initialisers(byte[] model) =>
        ModelProto.Parser.ParseFrom(model).Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float)
            .SelectMany(t => t.RawData.Length > 0 ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : t.FloatData.ToArray())
            .ToArray();

    [Fact]
    public void TheImportedOperatorsIncludeWhatResNetsUse()
    {
        foreach (var op in new[] { "Conv", "BatchNormalization", "Relu", "MaxPool", "AveragePool", "GlobalAveragePool", "Add", "Flatten",
            "Gemm", "MatMul", "Reshape", "Concat" })
            Assert.Contains(op, OnnxImport.SupportedOperators);
    }

    [Fact]
    public void AResidualGraphImportsWithItsMergesAndNodeNames()
    {
        var g = new GraphBuilder();
        var x = g.Input("image", 3, 8, 8);
        var stem = g.Apply(x, new Conv2D(4, 3, padding: Padding.Same), new BatchNormalization(), new ActivationLayer(Activation.Relu));
        var branch = g.Apply(stem, new Conv2D(4, 3, padding: Padding.Explicit(1, 1, 1, 1)), new BatchNormalization());
        var joined = g.Apply(new ActivationLayer(Activation.Relu), g.Add(stem, branch));
        var both = g.Concatenate(0, joined, stem);
        g.Output("features", g.Apply(both, new GlobalAveragePool2D(), new Dense(3)));
        var original = g.Build(new RandomSource(2));
        var random = new RandomSource(3);
        foreach (var s in original.States)
            for (int i = 0; i < s.Value.Length; i++) s.Value[i] = 0.5f + random.NextFloat();
        var input = TestTensors.Gaussian(random, [2, 3, 8, 8]);
        var expected = original.Forward(input, training: false).Clone();

        var imported = ModelGraph.FromOnnx(Save(original.ExportOnnx()));

        Assert.Equal("image", imported.Inputs[0].Name);
        Assert.Equal("features", imported.Outputs[0].Name);
        TestTensors.AssertClose(expected.Span, imported.Forward(input, training: false).Span, Tolerance, "residual graph");
        Assert.Equal(original.ParameterCount, imported.ParameterCount);
    }

    [Fact]
    public void AChainImportsAsANetwork()
    {
        var network = new Network([new Conv2D(3, 3, activation: Activation.Relu), new MaxPool2D(2), new Flatten(), new Dense(2)]);
        network.Build([1, 6, 6], new RandomSource(4));
        var x = TestTensors.Gaussian(new RandomSource(5), [3, 1, 6, 6]);
        var expected = network.Forward(x, training: false).Clone();

        var imported = Network.FromOnnx(Save(network.ExportOnnx()));

        Assert.Equal(5, imported.Layers.Count); // Conv, Relu, MaxPool, Flatten, Gemm; the output alias folds away
        TestTensors.AssertClose(expected.Span, imported.Forward(x, training: false).Span, Tolerance, "chain");
    }

    [Fact]
    public void AGraphWithMergesIsNotANetwork()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 4);
        g.Output("y", g.Add(g.Apply(new Dense(4), x), x));
        var path = Save(g.Build(new RandomSource(1)).ExportOnnx());
        var error = Assert.Throws<NotSupportedException>(() => Network.FromOnnx(path));
        Assert.Contains("ModelGraph.FromOnnx", error.Message);
    }

    [Fact]
    public void AFileThatIsNotOnnxIsNamed()
    {
        var path = Save("not a model at all"u8.ToArray(), "notes.onnx");
        var error = Assert.Throws<InvalidDataException>(() => ModelGraph.FromOnnx(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("not an ONNX model", error.Message);
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => ModelGraph.FromOnnx(Path.Combine(_folder, "missing.onnx"))).Message);
    }

    private static ModelProto Model(Action<ModelProto> change)
    {
        var network = new Network([new Conv2D(2, 3), new Flatten(), new Dense(2)]);
        network.Build([1, 5, 5], new RandomSource(1));
        var model = ModelProto.Parser.ParseFrom(network.ExportOnnx());
        change(model);
        return model;
    }

    [Fact]
    public void AnUnsupportedOpsetOperatorOrAttributeIsNamed()
    {
        var opset = Save(Model(m => m.OpsetImport[0].Version = 99).ToByteArray(), "opset.onnx");
        Assert.Contains("opset 99", Assert.Throws<NotSupportedException>(() => ModelGraph.FromOnnx(opset)).Message);

        var op = Save(Model(m => m.Graph.Node[0].OpType = "ConvTranspose").ToByteArray(), "op.onnx");
        var opError = Assert.Throws<NotSupportedException>(() => ModelGraph.FromOnnx(op)).Message;
        Assert.Contains("(ConvTranspose)", opError);
        Assert.Contains("cannot import the operator ConvTranspose", opError);

        var attribute = Save(Model(m => m.Graph.Node[0].Attribute.Add(new AttributeProto
        {
            Name = "auto_pad", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("SAME_LOWER"),
        })).ToByteArray(), "attribute.onnx");
        var attributeError = Assert.Throws<NotSupportedException>(() => ModelGraph.FromOnnx(attribute)).Message;
        Assert.Contains("(Conv)", attributeError);
        Assert.Contains("SAME_LOWER", attributeError);
    }

    [Fact]
    public void ShapesThatDoNotFitAreNamed()
    {
        // Input declared with 2 channels, kernel made for 1.
        var channels = Save(Model(m => m.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue = 2).ToByteArray(), "channels.onnx");
        var error = Assert.Throws<InvalidDataException>(() => ModelGraph.FromOnnx(channels)).Message;
        Assert.Contains("(Conv)", error);
        Assert.Contains("input channels", error);

        var output = Save(Model(m => m.Graph.Output[0].Type.TensorType.Shape.Dim[1].DimValue = 7).ToByteArray(), "output.onnx");
        Assert.Contains("output 'output' is declared [7]", Assert.Throws<InvalidDataException>(() => ModelGraph.FromOnnx(output)).Message);
    }
}

using MLExt.Neural;
using MLExt.Neural.Onnx;
using MLExt.Tests.Neural;

namespace MLExt.Tests.Onnx;

public sealed class OnnxExportTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [MemberData(nameof(OnnxLayerCases.Names), MemberType = typeof(OnnxLayerCases))]
    public void OnnxRuntimeMatchesTheForwardPass(string caseName)
    {
        var (_, _, inputShape, layers) = OnnxLayerCases.Get(caseName);
        var network = new Network(layers());
        var random = new RandomSource(11);
        network.Build(inputShape, random);
        Perturb(network, random);
        var x = OnnxLayerCases.Input(caseName, random, TestTensors.Batch(5, inputShape));
        var expected = network.Forward(x, training: false).Clone();

        var model = network.ExportOnnx(inputName: "x", outputName: "y");
        var (actual, shape) = OnnxRuntimeRunner.Run(model, "x", x)["y"];

        Assert.Equal(expected.Shape, shape);
        TestTensors.AssertClose(expected.Span, actual, Tolerance, caseName);
    }

    /// <summary>
    /// Moves every weight and state away from its initial value (batch norm starts as an identity: γ = 1,
    /// β = 0, mean 0, variance 1), keeping variances positive.
    /// </summary>
    private static void Perturb(Network network, RandomSource random)
    {
        foreach (var p in network.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 0.2f * random.NextGaussian();
        foreach (var s in network.States)
            for (int i = 0; i < s.Value.Length; i++) s.Value[i] = 0.5f + random.NextFloat();
    }

    [Fact]
    public void EveryLayerTypeHasAnExporterAndAnExportCase()
    {
        var layerTypes = typeof(Layer).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Layer)) && !t.IsAbstract && t.IsPublic).ToArray();
        Assert.NotEmpty(layerTypes);
        Assert.All(layerTypes, t => Assert.True(OnnxLayerExporters.CanExport(t), $"{t.Name} has no ONNX exporter."));
        var covered = OnnxLayerCases.All().Select(c => c.LayerType).Concat(GraphLayerOnnxTests.Cases().Select(c => c.LayerType)).ToHashSet();
        Assert.All(layerTypes, t => Assert.True(covered.Any(c => c.IsAssignableFrom(t)), $"{t.Name} has no case in OnnxLayerCases (graph layers: GraphLayerOnnxTests)."));
    }

    [Fact]
    public void DropoutVanishesAndTheFileIsStandardOnnx()
    {
        var network = new Network([new Dense(8, Activation.Gelu), new Dropout(0.5f), new Dense(2)]);
        network.Build([3], new RandomSource(1));
        var bytes = network.ExportOnnx();
        var model = MLExt.Neural.Onnx.Proto.ModelProto.Parser.ParseFrom(bytes);

        Assert.DoesNotContain("Dropout", OnnxRuntimeRunner.OperatorTypes(bytes));
        Assert.Equal(8, model.IrVersion);
        var opset = Assert.Single(model.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.True(opset.Version >= 17);
        Assert.All(model.Graph.Node, n => Assert.Equal("", n.Domain));
        var input = Assert.Single(model.Graph.Input);
        Assert.Equal("input", input.Name);
        Assert.Equal("N", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(3, input.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal("output", Assert.Single(model.Graph.Output).Name);
        // The weights travel in the file: two kernels and two biases, plus Gelu's four scalar constants.
        Assert.Equal(3 * 8 + 8 + 8 * 2 + 2, model.Graph.Initializer.Where(t => t.Dims.Count > 0).Sum(t => t.Dims.Aggregate(1L, (a, b) => a * b)));
    }

    [Fact]
    public void AnyBatchSizeRuns()
    {
        var network = new Network([new Dense(4, Activation.Tanh), new Dense(2)]);
        var random = new RandomSource(3);
        network.Build([5], random);
        var model = network.ExportOnnx();
        foreach (int n in new[] { 1, 2, 17 })
        {
            var x = TestTensors.Gaussian(random, [n, 5]);
            var (values, shape) = OnnxRuntimeRunner.Run(model, "input", x)["output"];
            Assert.Equal([n, 2], shape);
            TestTensors.AssertClose(network.Forward(x, false).Span, values, Tolerance, $"batch {n}");
        }
    }

    private sealed class Doubler : Layer
    {
        protected override int[] OnBuild(int[] inputShape, RandomSource random) => inputShape;
        public override Tensor Forward(Tensor input, bool training) => input;
        public override Tensor Backward(Tensor outputGradient) => outputGradient;
        public override LayerConfig GetConfig() => new("Doubler");
    }

    [Fact]
    public void ALayerWithoutExporterFailsNamingItAndWritesNothing()
    {
        var network = new Network([new Dense(4), new Doubler()]);
        network.Build([3], new RandomSource(1));
        using var stream = new MemoryStream();
        var e = Assert.Throws<NotSupportedException>(() => network.ExportOnnx(stream));
        Assert.Contains("layer 2 of 2", e.Message);
        Assert.Contains("Doubler", e.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void AnUnbuiltNetworkIsRefused()
    {
        var network = new Network([new Dense(4)]);
        var e = Assert.Throws<InvalidOperationException>(() => network.ExportOnnx(new MemoryStream()));
        Assert.Contains("not built", e.Message);
    }
}

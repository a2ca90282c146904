using MLExt.Neural;
using MLExt.Tests.Neural;

namespace MLExt.Tests.Onnx;

/// <summary>Model graphs with several inputs and outputs export to ONNX and agree with ONNX Runtime.</summary>
public sealed class GraphOnnxTests
{
    private const double Tolerance = 1e-5;

    private static ModelGraph TextAndNumbers(bool transformer)
    {
        var g = new GraphBuilder();
        var tokens = g.TokenInput("tokens", 6);
        var numbers = g.Input("numbers", 4);
        var embedded = g.Apply(new Embedding(12, 4, paddingIndex: 0), tokens);
        var encoded = transformer
            ? g.Apply(embedded, new SinusoidalPositionalEncoding(16), new TransformerEncoderBlock(4, 2, 8, dropout: 0.1f))
            : g.Apply(new Lstm(5, returnSequences: true), embedded);
        var pooled = g.Apply(new TemporalMeanPooling(), encoded);
        var shared = new Dense(3, Activation.Tanh);
        var left = g.Apply(shared, numbers);
        var right = g.Apply(shared, g.Apply(new Dense(4, Activation.Relu), numbers));
        var joined = g.Concatenate(-1, pooled, g.Multiply(left, right), g.Subtract(left, right), g.Average(left, right, g.Add(left, right)));
        var hidden = g.Apply(new Dropout(0.2f), g.Apply(new Dense(8, Activation.Gelu), joined));
        g.Output("class", g.Apply(new Dense(3), hidden));
        g.Output("value", g.Apply(new Dense(1), g.Slice(hidden, 0, 2, 4)));
        var graph = g.Build(new RandomSource(5));
        var random = new RandomSource(6);
        foreach (var p in graph.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 0.2f * random.NextGaussian();
        return graph;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ATwoInputTwoOutputGraphAgreesWithOnnxRuntime(bool transformer)
    {
        var graph = TextAndNumbers(transformer);
        var random = new RandomSource(7);
        var tokens = OnnxLayerCases.Input("Tokens graph", random, [5, 6]);
        var numbers = TestTensors.Gaussian(random, [5, 4]);
        var expected = graph.Forward([tokens, numbers], training: false).Select(t => t.Clone()).ToArray();

        var outputs = OnnxRuntimeRunner.Run(graph.ExportOnnx(), new Dictionary<string, Tensor> { ["tokens"] = tokens, ["numbers"] = numbers });
        for (int o = 0; o < graph.Outputs.Count; o++)
        {
            var (values, shape) = outputs[graph.Outputs[o].Name];
            Assert.Equal(expected[o].Shape, shape);
            TestTensors.AssertClose(expected[o].Span, values, Tolerance, $"output {graph.Outputs[o].Name}");
        }
    }

    [Fact]
    public void AGraphWithANodeThatCannotBeExportedNamesTheNode()
    {
        var g = new GraphBuilder();
        g.Output("y", g.Apply(new Unexportable(), g.Input("x", 3), name: "custom"));
        var graph = g.Build(new RandomSource(1));
        var e = Assert.Throws<NotSupportedException>(() => graph.ExportOnnx());
        Assert.Contains("node 'custom'", e.Message);
        Assert.Contains("Unexportable", e.Message);
    }

    private sealed class Unexportable : Layer
    {
        protected override int[] OnBuild(int[] inputShape, RandomSource random) => inputShape;
        public override Tensor Forward(Tensor input, bool training) => input;
        public override Tensor Backward(Tensor outputGradient) => outputGradient;
        public override LayerConfig GetConfig() => new(nameof(Unexportable));
    }
}

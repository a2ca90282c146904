using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = MLExt.Neural.Tensor;
using MLExt.Neural;
using MLExt.Tests.Neural;
using MLExt.Tests.Neural.GraphNeural;

namespace MLExt.Tests.Onnx;

/// <summary>
/// Graph layers export with the edges as ONNX inputs (edge_source, edge_target, edge_weight; one per adjacency entry)
/// and agree with ONNX Runtime on a directed, weighted graph with a node that receives nothing.
/// </summary>
public sealed class GraphLayerOnnxTests
{
    private const double Tolerance = 1e-5;

    /// <summary>The graph layer cases: layer type → a two-layer model on 3 features.</summary>
    public static IEnumerable<(string Name, Type LayerType, Func<Layer[]> Layers)> Cases()
    {
        yield return ("GCN", typeof(GraphConvolution), () => [new GraphConvolution(4, Activation.Relu), new GraphConvolution(3)]);
        yield return ("GCN without bias", typeof(GraphConvolution), () => [new GraphConvolution(2, Activation.Tanh, useBias: false)]);
        yield return ("GraphSAGE mean", typeof(GraphSage), () => [new GraphSage(4, activation: Activation.Relu), new GraphSage(3)]);
        yield return ("GAT concatenated heads", typeof(GraphAttention), () => [new GraphAttention(2, heads: 3, activation: Activation.Elu), new GraphAttention(3)]);
        yield return ("GAT averaged heads", typeof(GraphAttention), () => [new GraphAttention(3, heads: 2, concatenateHeads: false, negativeSlope: 0.1f)]);
    }

    public static TheoryData<string> Names() => [.. Cases().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void OnnxRuntimeMatchesTheForwardPass(string name)
    {
        var layers = Cases().Single(c => c.Name == name).Layers();
        var g = new GraphBuilder();
        g.Output("y", g.Apply(g.Input("x", 3), layers));
        var model = g.Build(new RandomSource(3));
        var random = new RandomSource(4);
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 0.2f * random.NextGaussian();
        var adjacency = TestGraphs.Directed(7);
        model.Adjacency = adjacency;
        var x = TestTensors.Gaussian(random, [7, 3]);
        var expected = model.Forward([x], training: false)[0].Clone();

        var (values, shape) = Run(model.ExportOnnx(), x, adjacency);
        Assert.Equal(expected.Shape, shape);
        TestTensors.AssertClose(expected.Span, values, Tolerance, name);
    }

    [Fact]
    public void GraphSageMaxRefusesExportNamingTheAggregator()
    {
        var g = new GraphBuilder();
        g.Output("y", g.Apply(new GraphSage(2, GraphSageAggregator.Max), g.Input("x", 3)));
        var error = Assert.Throws<NotSupportedException>(() => g.Build(new RandomSource(1)).ExportOnnx());
        Assert.Contains("max aggregator", error.Message);
    }

    /// <summary>Runs the model with node features and the adjacency's entries as edges.</summary>
    internal static (float[] Values, int[] Shape) Run(byte[] model, Tensor x, SparseAdjacency adjacency)
    {
        var sources = new long[adjacency.EntryCount];
        var targets = new long[adjacency.EntryCount];
        for (int i = 0; i < adjacency.NodeCount; i++)
            for (int e = adjacency.RowStarts[i]; e < adjacency.RowStarts[i + 1]; e++) (sources[e], targets[e]) = (adjacency.Columns[e], i);
        int[] edgeShape = [adjacency.EntryCount];
        using var session = new InferenceSession(model);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(x.Span.ToArray(), x.Shape)),
            NamedOnnxValue.CreateFromTensor("edge_source", new DenseTensor<long>(sources, edgeShape)),
            NamedOnnxValue.CreateFromTensor("edge_target", new DenseTensor<long>(targets, edgeShape)),
            NamedOnnxValue.CreateFromTensor("edge_weight", new DenseTensor<float>(adjacency.Weights.ToArray(), edgeShape)),
        ]);
        var y = (Microsoft.ML.OnnxRuntime.Tensors.Tensor<float>)results.Single(r => r.Name == "y").Value;
        return (y.ToArray(), y.Dimensions.ToArray());
    }
}

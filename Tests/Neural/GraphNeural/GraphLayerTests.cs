using MLExt.Neural;
using MLExt.Tests.Neural.Sequence;

namespace MLExt.Tests.Neural.GraphNeural;

/// <summary>Conformance (finite differences through the aggregation) of the graph layers beyond the coverage cases.</summary>
public sealed class GraphLayerTests
{
    [Fact]
    public void GraphConvolutionWithReluConforms() =>
        LayerConformance.CheckAll(() => new GraphConvolution(4, Activation.Tanh), [3], 16, input: TestGraphs.Features);

    [Fact]
    public void GraphSageMeanConforms() =>
        LayerConformance.CheckAll(() => new GraphSage(2, GraphSageAggregator.Mean, Activation.Tanh), [3], 14, input: TestGraphs.Features);

    [Fact]
    public void GraphAttentionAveragedHeadsWithDropoutConforms() =>
        LayerConformance.CheckAll(() => new GraphAttention(2, heads: 3, concatenateHeads: false, attentionDropout: 0.3f),
            [3], 18 + 12 + 2, SequenceTestKit.Pin, TestGraphs.Features);

    [Fact]
    public void GraphConvolutionOnAnEdgelessGraphIsADenseLayer()
    {
        // Â = I without edges, so the layer is x·W + b.
        var layer = new GraphConvolution(2);
        layer.Build([3], new RandomSource(1));
        layer.SetAdjacency(SparseAdjacency.FromEdges(2, [], [], [], undirected: false));
        var x = TestTensors.Gaussian(new RandomSource(2), [2, 3]);
        var y = layer.Forward(x, training: false);
        for (int i = 0; i < 2; i++)
            for (int u = 0; u < 2; u++)
            {
                double expected = Enumerable.Range(0, 3).Sum(k => (double)x[i * 3 + k] * layer.Kernel.Value[k * 2 + u]);
                Assert.Equal(expected, y[i * 2 + u], 5);
            }
    }

    [Fact]
    public void GraphAttentionWeightsSumToOneOverEachNeighbourhood()
    {
        // With zero attention vectors every score is 0: α is uniform over N(i) ∪ {i}, so out_i is the mean of z_j.
        var layer = new GraphAttention(2, useBias: false);
        layer.Build([2], new RandomSource(1));
        layer.Parameters[1].Value.Span.Clear();
        layer.Parameters[2].Value.Span.Clear();
        var a = TestGraphs.Directed(5);
        layer.SetAdjacency(a);
        var x = TestTensors.Gaussian(new RandomSource(2), [5, 2]);
        var y = layer.Forward(x, training: false).Clone();
        var mean = new GraphSage(2, useBias: false);
        var loops = a.WithSelfLoops().RowNormalized();
        var z = new float[10];
        for (int i = 0; i < 5; i++)
            for (int u = 0; u < 2; u++)
                z[i * 2 + u] = x[i * 2] * layer.Parameters[0].Value[u] + x[i * 2 + 1] * layer.Parameters[0].Value[2 + u];
        var expected = new float[10];
        loops.Multiply(z, expected, 2);
        TestTensors.AssertClose(expected, y.Span, 1e-5, "uniform attention");
    }

    [Fact]
    public void MissingOrMismatchedAdjacencyIsAClearError()
    {
        var layer = new GraphSage(2);
        layer.Build([3], new RandomSource(1));
        var x = new Tensor(4, 3);
        Assert.Contains("adjacency", Assert.Throws<InvalidOperationException>(() => layer.Forward(x, false)).Message);
        layer.SetAdjacency(TestGraphs.Directed(5));
        var error = Assert.Throws<InvalidOperationException>(() => layer.Forward(x, false));
        Assert.Contains("4 nodes", error.Message);
        Assert.Contains("5 nodes", error.Message);
    }
}

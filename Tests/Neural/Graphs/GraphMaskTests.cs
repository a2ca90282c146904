using MLExt.Neural;
using MLExt.Tests.Onnx;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>Padding masks follow the edges: joined by a concatenation along time, cut by a slice, kept through other merges.</summary>
public sealed class GraphMaskTests
{
    private const int Dimension = 3;

    private static (ModelGraph Graph, Embedding First, Embedding Second) Build(bool slice)
    {
        var g = new GraphBuilder();
        var first = new Embedding(9, Dimension, paddingIndex: 0);
        var second = new Embedding(9, Dimension, paddingIndex: 0);
        var a = g.Apply(first, g.TokenInput("a", 3));
        var b = g.Apply(second, g.TokenInput("b", 2));
        var joined = g.Concatenate(0, a, g.Apply(new Dense(Dimension), b));
        if (slice) joined = g.Slice(joined, 0, 1, 3);
        g.Output("pooled", g.Apply(new TemporalMeanPooling(), joined));
        return (g.Build(new RandomSource(4)), first, second);
    }

    private static readonly Tensor A = new([4f, 2f, 0f, 1f, 0f, 0f, 3f, 5f, 7f], 3, 3);
    private static readonly Tensor B = new([6f, 0f, 0f, 0f, 8f, 1f], 3, 2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APooledConcatenationAveragesTheRealStepsOfBothSequences(bool slice)
    {
        var (graph, first, second) = Build(slice);
        var pooled = graph.Forward([A, B], training: false)[0];
        var dense = (Dense)graph.Layers[2];
        for (int row = 0; row < 3; row++)
        {
            // The steps of the joined sequence with their values and whether they are real.
            var steps = new List<(float[] Value, bool Real)>();
            for (int t = 0; t < 3; t++) steps.Add((first.Table.Value.Row((int)A[row * 3 + t]).ToArray(), A[row * 3 + t] != 0));
            for (int t = 0; t < 2; t++)
            {
                int id = (int)B[row * 2 + t];
                var embedded = second.Table.Value.Row(id).ToArray();
                var projected = new float[Dimension];
                for (int j = 0; j < Dimension; j++)
                {
                    projected[j] = dense.Bias!.Value[j];
                    for (int i = 0; i < Dimension; i++) projected[j] += embedded[i] * dense.Kernel.Value[i * Dimension + j];
                }
                steps.Add((projected, id != 0));
            }
            if (slice) steps = steps.GetRange(1, 3);
            var real = steps.Where(s => s.Real).ToList();
            for (int j = 0; j < Dimension; j++)
            {
                float expected = real.Count == 0 ? 0f : real.Sum(s => s.Value[j]) / real.Count;
                Assert.Equal(expected, pooled[row * Dimension + j], 4);
            }
        }
        GraphConformance.CheckAll($"masked concatenation (slice: {slice})", random => Build(slice).Graph, vocabulary: 9);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnnxRuntimeJoinsAndCutsTheMasksLikeTheEngine(bool slice)
    {
        var graph = Build(slice).Graph;
        var expected = graph.Forward([A, B], training: false)[0].Clone();
        var (values, _) = OnnxRuntimeRunner.Run(graph.ExportOnnx(), new Dictionary<string, Tensor> { ["a"] = A, ["b"] = B })["pooled"];
        TestTensors.AssertClose(expected.Span, values, 1e-5, "masked concatenation through ONNX Runtime");
    }
}

using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public class MultiHeadSelfAttentionTests
{
    private const int Time = 4, Model = 5;

    // Four projections: three [dModel, heads·keyDim] and one [heads·keyDim, dModel]; biases on query, value and output.
    private static int Count(int heads, int keyDim, bool bias = true) =>
        4 * Model * heads * keyDim + (bias ? 2 * heads * keyDim + Model : 0);

    [Theory]
    [InlineData(1, 3, true)]
    [InlineData(2, 2, true)]
    [InlineData(3, 2, false)]
    public void Conforms(int heads, int keyDim, bool useBias) =>
        LayerConformance.CheckAll(() => new MultiHeadSelfAttention(heads, keyDim, useBias: useBias), [Time, Model], Count(heads, keyDim, useBias));

    [Fact]
    public void ConformsWithAPaddingMaskIncludingAnAllPaddingSequence() =>
        LayerConformance.CheckAll(() => new MultiHeadSelfAttention(2, 3), [Time, Model], Count(2, 3), input: SequenceTestKit.Masked(Time, 4, 2, 0));

    [Fact]
    public void ConformsWithAttentionDropoutAndAMask() =>
        LayerConformance.CheckAll(() => new MultiHeadSelfAttention(2, 2, dropout: 0.3f), [Time, Model], Count(2, 2), SequenceTestKit.Pin, SequenceTestKit.Masked(Time, 3, 4, 1));

    [Fact]
    public void OutputMatchesAReferenceComputedInDouble()
    {
        var layer = new MultiHeadSelfAttention(2, 3);
        layer.Build([Time, Model], new RandomSource(3));
        Perturb(layer, new RandomSource(4));
        var x = TestTensors.Gaussian(new RandomSource(5), [2, Time, Model]);
        var mask = SequenceTestKit.Mask(Time, 4, 3);
        layer.SetInputMask(mask);

        var y = layer.Forward(x, training: false);

        TestTensors.AssertClose(Reference(layer, x, mask).Select(v => (float)v).ToArray(), y.Span, 1e-5, "attention output");
    }

    [Fact]
    public void WeightsSumToOneOverRealKeysAndAreExactlyZeroAtPaddedKeys()
    {
        var layer = new MultiHeadSelfAttention(3, 2);
        layer.Build([Time, Model], new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [3, Time, Model], scale: 3f);
        var mask = SequenceTestKit.Mask(Time, 4, 2, 0);

        var weights = layer.GetAttentionWeights(x, mask);

        Assert.Equal([3, 3, Time, Time], weights.Shape);
        for (int b = 0; b < 3; b++)
            for (int h = 0; h < 3; h++)
                for (int q = 0; q < Time; q++)
                {
                    var row = weights.Span.Slice(((b * 3 + h) * Time + q) * Time, Time);
                    int real = b == 0 ? 4 : b == 1 ? 2 : 0;
                    for (int k = real; k < Time; k++) Assert.Equal(0f, row[k]);
                    Assert.All(row.ToArray(), w => Assert.True(w >= 0f && float.IsFinite(w)));
                    // A sequence with no real step attends to nothing: zero weights, no NaN.
                    Assert.Equal(real == 0 ? 0f : 1f, row.ToArray().Sum(), 5);
                }
        Assert.All(layer.Forward(x, false).Span.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void PaddingChangesNothingAtRealPositionsAndGetsNoGradientFromThem()
    {
        var layer = new MultiHeadSelfAttention(2, 3);
        layer.Build([Time, Model], new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [2, Time, Model]);
        var mask = SequenceTestKit.Mask(Time, 2, 3);
        layer.SetInputMask(mask);
        var y = layer.Forward(x, training: true).Clone();

        var other = x.Clone();
        for (int i = 0; i < other.Length; i++)
            if (mask[i / Model] == 0f) other[i] = 100f * (i % 7 - 3);
        var z = layer.Forward(other, training: true);
        for (int i = 0; i < y.Length; i++)
            if (mask[i / Model] == 1f) Assert.Equal(y[i], z[i], 5);

        // dL/dx of a loss on real positions only is zero at the padded steps.
        var dy = TestTensors.Gaussian(new RandomSource(3), [2, Time, Model]);
        for (int i = 0; i < dy.Length; i++) dy[i] *= mask[i / Model];
        var dx = layer.Backward(dy);
        for (int i = 0; i < dx.Length; i++)
            if (mask[i / Model] == 0f) Assert.Equal(0f, dx[i]);
        Assert.True(dx.Span.ContainsAnyExcept(0f));
    }

    [Fact]
    public void InANetworkTheEmbeddingsPaddingMaskReachesTheAttention()
    {
        var network = new Network([new Embedding(10, Model, paddingIndex: 0), new MultiHeadSelfAttention(2, 3)]);
        network.Build([Time], new RandomSource(1));
        var tokens = new Tensor([3, 7, 0, 0, 5, 5, 2, 9], 2, Time); // right-padded with id 0

        network.Forward(tokens, training: false);

        var weights = ((MultiHeadSelfAttention)network.Layers[1]).LastAttentionWeights;
        for (int h = 0; h < 2; h++)
            for (int q = 0; q < Time; q++)
            {
                var padded = weights.Span.Slice((h * Time + q) * Time, Time);
                Assert.Equal(0f, padded[2]);
                Assert.Equal(0f, padded[3]);
                Assert.Equal(1f, padded[0] + padded[1], 5);
                Assert.All(weights.Span.Slice(((2 + h) * Time + q) * Time, Time).ToArray(), w => Assert.True(w > 0f));
            }
    }

    [Fact]
    public void AMaskOfTheWrongShapeIsRejectedClearly()
    {
        var layer = new MultiHeadSelfAttention(1, 2);
        layer.Build([Time, Model], new RandomSource(1));
        layer.SetInputMask(new Tensor(3, Time + 1));
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(3, Time, Model), false));
        Assert.Contains("[3, 4]", error.Message);
        Assert.Contains("[3, 5]", error.Message);
        Assert.Throws<ArgumentException>(() => new MultiHeadSelfAttention(1, 2).Build([Model], new RandomSource(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiHeadSelfAttention(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiHeadSelfAttention(2, 2, dropout: 1f));
    }

    [Fact]
    public void ParametersAreTheFourProjections()
    {
        var layer = new MultiHeadSelfAttention(2, 3);
        layer.Build([Time, Model], new RandomSource(1));
        Assert.Equal(["query.kernel", "query.bias", "key.kernel", "value.kernel", "value.bias", "output.kernel", "output.bias"],
            layer.Parameters.Select(p => p.Name));
        Assert.Equal([Model, 6], layer.Parameters[0].Value.Shape);
        Assert.Equal([6, Model], layer.Parameters[5].Value.Shape);
    }

    internal static void Perturb(Layer layer, RandomSource random)
    {
        foreach (var p in layer.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 0.3f * random.NextGaussian();
    }

    // y = concat_h(softmax(Q_h K_hᵀ/√d + M) V_h)·Wo + bo, naively in double.
    private static double[] Reference(MultiHeadSelfAttention layer, Tensor x, Tensor mask)
    {
        int n = x.Rows, heads = layer.Heads, d = layer.KeyDim, width = heads * d;
        double[] Project(Dense dense, double[] input, int rows, int inputs)
        {
            var result = new double[rows * dense.Units];
            for (int r = 0; r < rows; r++)
                for (int u = 0; u < dense.Units; u++)
                {
                    double sum = dense.Bias?.Value[u] ?? 0;
                    for (int i = 0; i < inputs; i++) sum += input[r * inputs + i] * dense.Kernel.Value[i * dense.Units + u];
                    result[r * dense.Units + u] = sum;
                }
            return result;
        }
        var xs = x.Span.ToArray().Select(v => (double)v).ToArray();
        var p = layer.Projections;
        double[] q = Project(p[0], xs, n * Time, Model), k = Project(p[1], xs, n * Time, Model), v = Project(p[2], xs, n * Time, Model);
        var o = new double[n * Time * width];
        for (int b = 0; b < n; b++)
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < Time; i++)
                {
                    var s = new double[Time];
                    for (int j = 0; j < Time; j++)
                    {
                        for (int c = 0; c < d; c++) s[j] += q[(b * Time + i) * width + h * d + c] * k[(b * Time + j) * width + h * d + c];
                        s[j] = mask[b * Time + j] == 0f ? double.NegativeInfinity : s[j] / Math.Sqrt(d);
                    }
                    double max = s.Max(), total = s.Sum(e => Math.Exp(e - max));
                    for (int j = 0; j < Time; j++)
                        for (int c = 0; c < d; c++)
                            o[(b * Time + i) * width + h * d + c] += Math.Exp(s[j] - max) / total * v[(b * Time + j) * width + h * d + c];
                }
        return Project(p[3], o, n * Time, width);
    }
}

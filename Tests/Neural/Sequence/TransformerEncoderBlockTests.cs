using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public class TransformerEncoderBlockTests
{
    private const int Time = 4, Model = 6, FeedForward = 8;

    // Attention (4 projections, 3 biases), two layer norms (γ, β), FFN Dense(Model→FF, GELU) and Dense(FF→Model).
    private const int Count = 4 * Model * Model + 3 * Model + 4 * Model + Model * FeedForward + FeedForward + FeedForward * Model + Model;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Conforms(bool normFirst) =>
        LayerConformance.CheckAll(() => new TransformerEncoderBlock(Model, 2, FeedForward, dropout: 0f, normFirst), [Time, Model], Count);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ConformsWithDropoutAndAPaddingMask(bool normFirst) =>
        LayerConformance.CheckAll(() => new TransformerEncoderBlock(Model, 3, FeedForward, dropout: 0.2f, normFirst, attentionDropout: 0.1f), [Time, Model], Count,
            SequenceTestKit.Pin, SequenceTestKit.Masked(Time, 4, 1, 0, 3));

    [Fact]
    public void PreNormBlockIsTheResidualSumOfItsParts()
    {
        var block = new TransformerEncoderBlock(Model, 2, FeedForward, dropout: 0f);
        block.Build([Time, Model], new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [2, Time, Model]);
        var mask = SequenceTestKit.Mask(Time, 3, 4);
        block.SetInputMask(mask);
        var y = block.Forward(x, training: false).Clone();

        var parts = block.Layers; // norm1, attention, dropout, norm2, dense, dense, dropout
        Tensor Run(Tensor input, IEnumerable<Layer> branch) => branch.Aggregate(input, (v, l) => l.Forward(v, false)).Clone();
        var h = x.Clone();
        var attended = Run(x, parts.Take(3));
        for (int i = 0; i < h.Length; i++) h[i] += attended[i];
        var fed = Run(h, parts.Skip(3));
        for (int i = 0; i < h.Length; i++) h[i] += fed[i];

        TestTensors.AssertClose(h.Span, y.Span, 1e-6, "pre-norm block");
    }

    [Fact]
    public void TheMaskReachesTheAttentionSoPaddingDoesNotChangeRealPositions()
    {
        var network = new Network([new Dense(Model), new TransformerEncoderBlock(Model, 2, FeedForward, dropout: 0f, normFirst: false)]);
        network.Build([Time, 3], new RandomSource(1));
        var block = (TransformerEncoderBlock)network.Layers[1];
        var x = TestTensors.Gaussian(new RandomSource(2), [2, Time, Model]);
        var mask = SequenceTestKit.Mask(Time, 2, 4);
        block.SetInputMask(mask);
        var y = block.Forward(x, false).Clone();
        var changed = x.Clone();
        for (int i = 2 * Model; i < Time * Model; i++) changed[i] = -50f;
        var z = block.Forward(changed, false);
        for (int i = 0; i < 2 * Model; i++) Assert.Equal(y[i], z[i], 5);
        Assert.NotEqual(y[Time * Model], z[Time * Model] + 1f); // the second sequence is untouched anyway
        var weights = block.Attention.LastAttentionWeights;
        Assert.Equal(0f, weights[2]);
        Assert.Equal(0f, weights[3]);
    }

    [Fact]
    public void ParametersOfAllPartsAreExposedUnderUniqueNames()
    {
        var pre = new TransformerEncoderBlock(Model, 2, FeedForward);
        pre.Build([Time, Model], new RandomSource(1));
        Assert.Equal(["norm1.gamma", "norm1.beta", "attention.query.kernel", "attention.query.bias", "attention.key.kernel",
            "attention.value.kernel", "attention.value.bias", "attention.output.kernel", "attention.output.bias",
            "norm2.gamma", "norm2.beta", "feedForward1.kernel", "feedForward1.bias", "feedForward2.kernel", "feedForward2.bias"], pre.Parameters.Select(p => p.Name));
        var post = new TransformerEncoderBlock(Model, 2, FeedForward, normFirst: false);
        post.Build([Time, Model], new RandomSource(1));
        Assert.Equal(pre.Parameters.Select(p => p.Name).Order(), post.Parameters.Select(p => p.Name).Order());
        Assert.Equal(3, pre.RandomSources.Count); // attention weights, attention branch, feed-forward branch
    }

    [Fact]
    public void BadSettingsAreRejectedClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransformerEncoderBlock(6, 4, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransformerEncoderBlock(6, 2, 0));
        var error = Assert.Throws<ArgumentException>(() => new TransformerEncoderBlock(6, 2, 8).Build([4, 5], new RandomSource(1)));
        Assert.Contains("[time, 6]", error.Message);
        Assert.Contains("[4, 5]", error.Message);
    }
}

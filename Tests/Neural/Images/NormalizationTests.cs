using MLExt.Neural;

namespace MLExt.Tests.Neural.Images;

public class NormalizationTests
{
    [Theory]
    [InlineData(new[] { 4 })]
    [InlineData(new[] { 3, 2, 2 })]
    public void BatchNormalizationConforms(int[] shape) =>
        LayerConformance.CheckAll(() => new BatchNormalization(momentum: 0.9f), shape, 2 * shape[0]);

    [Theory]
    [InlineData(new[] { 5 }, 1, 10)]
    [InlineData(new[] { 2, 3 }, 1, 6)]
    [InlineData(new[] { 2, 2, 3 }, 3, 24)]
    public void LayerNormalizationConforms(int[] shape, int rank, int parameters) =>
        LayerConformance.CheckAll(() => new LayerNormalization(rank), shape, parameters);

    [Fact]
    public void TrainingNormalisesEachChannelOverBatchAndPixels()
    {
        var bn = new BatchNormalization(epsilon: 1e-5f);
        bn.Build([2, 3, 3], new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [4, 2, 3, 3], scale: 3f);
        for (int i = 0; i < x.Length; i++) x[i] += i % 18 < 9 ? 5f : -2f; // channel 0 around 5, channel 1 around −2
        var y = bn.Forward(x, training: true);
        foreach (int c in new[] { 0, 1 })
        {
            var values = Enumerable.Range(0, 4).SelectMany(s => y.Span.Slice((s * 2 + c) * 9, 9).ToArray()).ToArray();
            double mean = values.Average(v => (double)v), variance = values.Average(v => (v - mean) * (v - mean));
            Assert.Equal(0, mean, 1e-5);
            Assert.Equal(1, variance, 1e-3);
        }
    }

    [Fact]
    public void RunningStatisticsFollowTheMomentumAndDriveInference()
    {
        var bn = new BatchNormalization(momentum: 0.75f, epsilon: 1e-3f);
        bn.Build([1], new RandomSource(1));
        var x = new Tensor([1f, 3f, 5f, 7f], 4, 1); // mean 4, biased variance 5
        bn.Forward(x, training: true);
        Assert.Equal(0.75f * 0 + 0.25f * 4, bn.RunningMean.Value[0], 1e-6f);
        Assert.Equal(0.75f * 1 + 0.25f * 5, bn.RunningVariance.Value[0], 1e-6f);

        bn.Gamma.Value[0] = 2f;
        bn.Beta.Value[0] = 0.5f;
        var y = bn.Forward(new Tensor([3f], 1, 1), training: false);
        float expected = 2f * (3f - 1f) / MathF.Sqrt(2f + 1e-3f) + 0.5f;
        Assert.Equal(expected, y[0], 1e-5f);
        // Inference does not move the statistics, and a single sample is normalised the same in any batch.
        Assert.Equal(1f, bn.RunningMean.Value[0]);
        var batch = bn.Forward(new Tensor([3f, 100f], 2, 1), training: false);
        Assert.Equal(expected, batch[0], 1e-5f);
    }

    [Fact]
    public void InferenceGradientUsesTheRunningStatistics()
    {
        var bn = new BatchNormalization();
        bn.Build([2], new RandomSource(1));
        bn.RunningMean.Value[1] = 3f;
        bn.RunningVariance.Value[1] = 4f;
        bn.Gamma.Value[1] = 1.5f;
        var x = TestTensors.Gaussian(new RandomSource(2), [3, 2]);
        var r = TestTensors.Gaussian(new RandomSource(3), [3, 2]);
        bn.Forward(x, training: false);
        var dx = bn.Backward(r).Clone();
        // y = γ(x − 3)/√(4 + ε) + β, so dL/dx = γ·r/√(4 + ε) in channel 1
        Assert.Equal(1.5f * r[1] / MathF.Sqrt(4.001f), dx[1], 1e-6f);
        GradientCheck.AssertMatches("BatchNormalization inference dL/dx", x.Data, dx.Span, () => TestTensors.Dot(bn.Forward(x, false).Span, r.Span));
        GradientCheck.AssertMatches("BatchNormalization inference dL/dgamma", bn.Gamma.Value.Data, bn.Gamma.Gradient.Span, () => TestTensors.Dot(bn.Forward(x, false).Span, r.Span));
    }

    [Fact]
    public void StatesAreSavedAndRestoredWithTheWeights()
    {
        var network = new Network([new Dense(3), new BatchNormalization()]);
        network.Build([2], new RandomSource(1));
        Assert.Equal(["runningMean", "runningVariance"], network.States.Select(s => s.Name));
        var saved = network.GetWeights();
        Assert.Equal(network.Parameters.Count + 2, saved.Length);
        network.Forward(TestTensors.Gaussian(new RandomSource(2), [8, 2], scale: 4f), training: true);
        var bn = (BatchNormalization)network.Layers[1];
        Assert.NotEqual(0f, bn.RunningMean.Value[0]);
        network.SetWeights(saved);
        Assert.Equal([0f, 0f, 0f], bn.RunningMean.Value.Span.ToArray());
        Assert.Equal([1f, 1f, 1f], bn.RunningVariance.Value.Span.ToArray());
    }

    [Fact]
    public void LayerNormalizationNormalisesEachRowTheSameInTrainingAndInference()
    {
        var ln = new LayerNormalization(epsilon: 1e-6f);
        ln.Build([2, 4], new RandomSource(1));
        var x = new Tensor([1f, 2, 3, 4, 10, 10, 10, 14], 1, 2, 4);
        var y = ln.Forward(x, training: true).Clone();
        float s1 = MathF.Sqrt(1.25f + 1e-6f), s2 = MathF.Sqrt(3f + 1e-6f); // variances of [1,2,3,4] and [10,10,10,14]
        float[] expected = [-1.5f / s1, -0.5f / s1, 0.5f / s1, 1.5f / s1, -1f / s2, -1f / s2, -1f / s2, 3f / s2];
        TestTensors.AssertClose(expected, y.Span, 1e-5, "layer norm output");
        TestTensors.AssertIdentical(y, ln.Forward(x, training: false), "layer norm at inference");
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void MomentumOutsideZeroToOneIsRejected(float momentum) =>
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(momentum)).ParamName);

    [Fact]
    public void BadEpsilonAndRankAreRejected()
    {
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(epsilon: 0f)).ParamName);
        Assert.Equal("normalizedRank", Assert.Throws<ArgumentOutOfRangeException>(() => new LayerNormalization(0)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => new LayerNormalization(3).Build([4, 5], new RandomSource(1)));
        Assert.Contains("[4, 5]", error.Message);
    }
}

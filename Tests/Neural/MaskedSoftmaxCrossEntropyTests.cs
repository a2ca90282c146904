using MLExt.Neural;

namespace MLExt.Tests.Neural;

public sealed class MaskedSoftmaxCrossEntropyTests
{
    private const float Ignore = MaskedSoftmaxCrossEntropy.IgnoreIndex;

    [Fact]
    public void HandComputedValueAndGradientIgnoreUnmaskedPositions()
    {
        // One sequence of 3 positions over a vocabulary of 2; position 1 is ignored.
        // Row 0: z = [0, 0], y = 1 → −log ½ = ln 2; row 2: z = [ln 3, 0], y = 0 → −log ¾.
        var loss = new MaskedSoftmaxCrossEntropy();
        var z = new Tensor([0f, 0f, 5f, -5f, MathF.Log(3f), 0f], 1, 3, 2);
        var y = new Tensor([1f, Ignore, 0f], 1, 3);
        double expected = (Math.Log(2) - Math.Log(0.75)) / 2;
        Assert.Equal(expected, loss.Forward(z, y), 1e-6);
        // (softmax − onehot) / 2 per predicted row; zero on the ignored row.
        Assert.Equal([0.25f, -0.25f, 0f, 0f, -0.125f, 0.125f], loss.Backward().Span.ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var random = new RandomSource(5);
        var z = TestTensors.Gaussian(random, [3, 4, 5], 2f);
        var y = new Tensor(3, 4);
        for (int i = 0; i < y.Length; i++) y[i] = i % 3 == 1 ? Ignore : random.NextInt(5);
        var loss = new MaskedSoftmaxCrossEntropy();
        loss.Forward(z, y);
        var analytic = loss.Backward().Clone();
        for (int r = 0; r < y.Length; r++)
            if (y[r] == Ignore) Assert.All(analytic.Span.Slice(r * 5, 5).ToArray(), g => Assert.Equal(0f, g));
        GradientCheck.AssertMatches("MaskedSoftmaxCrossEntropy dL/dz", z.Data, analytic.Span, () => loss.Forward(z, y));
    }

    [Fact]
    public void NothingToPredictGivesZeroLossAndGradient()
    {
        var loss = new MaskedSoftmaxCrossEntropy();
        Assert.Equal(0f, loss.Forward(new Tensor([1f, 2f, 3f, 4f], 1, 2, 2), new Tensor([Ignore, Ignore], 1, 2)));
        Assert.All(loss.Backward().Span.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void BadTargetsAndShapesThrowNamingTheProblem()
    {
        var loss = new MaskedSoftmaxCrossEntropy();
        var z = new Tensor(1, 2, 3);
        Assert.Contains("2 rows", Assert.Throws<ArgumentException>(() => loss.Forward(z, new Tensor(1, 3))).Message);
        Assert.Contains("is 3", Assert.Throws<ArgumentException>(() => loss.Forward(z, new Tensor([0f, 3f], 1, 2))).Message);
        Assert.Contains("is 0.5", Assert.Throws<ArgumentException>(() => loss.Forward(z, new Tensor([0.5f, 1f], 1, 2))).Message);
        Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor(3), new Tensor(3)));
        Assert.Throws<InvalidOperationException>(() => new MaskedSoftmaxCrossEntropy().Backward());
    }
}

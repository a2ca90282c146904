using MLExt.Neural;

namespace MLExt.Tests.Neural;

public class DropoutTests
{
    /// <summary>Restores the dropout's generator before each forward pass, so training mode reuses one mask.</summary>
    private static Action PinMask(Layer layer)
    {
        var random = ((Dropout)layer).Random;
        var state = random.GetState();
        return () => random.SetState(state);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.3f)]
    [InlineData(0.5f)]
    public void Conforms(float rate) =>
        LayerConformance.CheckAll(() => new Dropout(rate), [6], expectedParameters: 0, PinMask);

    [Theory]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void InferenceIsAnExactIdentity(float rate)
    {
        var dropout = Built(rate, [10], seed: 1);
        var x = TestTensors.Gaussian(new RandomSource(2), [4, 10]);
        TestTensors.AssertIdentical(x, dropout.Forward(x, training: false), "dropout inference output");
        var dy = TestTensors.Gaussian(new RandomSource(3), [4, 10]);
        TestTensors.AssertIdentical(dy, dropout.Backward(dy), "dropout inference gradient");
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.8f)]
    public void TrainingZeroesAboutTheRateAndScalesTheRest(float rate)
    {
        const int n = 100, width = 1000;
        var dropout = Built(rate, [width], seed: 7);
        var x = TestTensors.Uniform(new RandomSource(8), [n, width], 0.5f, 2f);
        var y = dropout.Forward(x, training: true);

        int zeroed = 0;
        float scale = 1f / (1f - rate);
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] == 0f) zeroed++;
            else Assert.Equal(x[i] * scale, y[i]);
        }
        double fraction = zeroed / (double)y.Length;
        double standardError = Math.Sqrt(rate * (1 - rate) / y.Length);
        Assert.InRange(fraction, rate - 5 * standardError, rate + 5 * standardError);
    }

    [Fact]
    public void TrainingBackwardUsesTheForwardMask()
    {
        var dropout = Built(0.5f, [50], seed: 3);
        var x = TestTensors.Uniform(new RandomSource(4), [2, 50], 1f, 2f);
        var y = dropout.Forward(x, training: true).Clone();
        var dy = TestTensors.Gaussian(new RandomSource(5), [2, 50]);
        var dx = dropout.Backward(dy);
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(dy[i] * (y[i] / x[i]), dx[i], 1e-6f);
    }

    [Fact]
    public void SameSeedSameMaskAndSuccessiveBatchesDiffer()
    {
        var x = TestTensors.Uniform(new RandomSource(4), [4, 64], 1f, 2f);
        var first = Built(0.5f, [64], seed: 11);
        var second = Built(0.5f, [64], seed: 11);
        var other = Built(0.5f, [64], seed: 12);

        var y1 = first.Forward(x, training: true).Clone();
        TestTensors.AssertIdentical(y1, second.Forward(x, training: true), "same seed");
        Assert.NotEqual(y1.Span.ToArray(), other.Forward(x, training: true).Span.ToArray());
        Assert.NotEqual(y1.Span.ToArray(), first.Forward(x, training: true).Span.ToArray());
    }

    [Fact]
    public void RestoringTheGeneratorRepeatsTheMask()
    {
        var dropout = Built(0.4f, [32], seed: 5);
        var x = TestTensors.Uniform(new RandomSource(6), [3, 32], 1f, 2f);
        var state = dropout.Random.GetState();
        var y1 = dropout.Forward(x, training: true).Clone();
        dropout.Random.SetState(state);
        TestTensors.AssertIdentical(y1, dropout.Forward(x, training: true), "mask after restoring the generator");
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void RateOutsideZeroToOneThrows(float rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(rate));
        Assert.Equal("rate", error.ParamName);
    }

    private static Dropout Built(float rate, int[] shape, int seed)
    {
        var dropout = new Dropout(rate);
        dropout.Build(shape, new RandomSource(seed));
        return dropout;
    }
}

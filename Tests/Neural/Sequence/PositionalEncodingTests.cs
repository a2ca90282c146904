using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public class PositionalEncodingTests
{
    [Fact]
    public void SinusoidalConforms() => LayerConformance.CheckAll(() => new SinusoidalPositionalEncoding(8), [5, 6], 0);

    [Fact]
    public void LearnedConforms() => LayerConformance.CheckAll(() => new LearnedPositionalEncoding(7), [5, 4], 7 * 4);

    [Fact]
    public void SinusoidalAddsSinAndCosOfThePosition()
    {
        var layer = new SinusoidalPositionalEncoding();
        layer.Build([3, 4], new RandomSource(1));
        var y = layer.Forward(new Tensor(2, 3, 4), training: false);
        // P[t, 2i] = sin(t / 10000^(2i/4)), P[t, 2i+1] = cos(…): frequencies 1 and 1/100.
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 3; t++)
            {
                float[] expected = [MathF.Sin(t), MathF.Cos(t), MathF.Sin(t / 100f), MathF.Cos(t / 100f)];
                TestTensors.AssertClose(expected, y.Span.Slice((b * 3 + t) * 4, 4), 1e-6, $"P[{t}]");
            }
    }

    [Fact]
    public void LearnedAddsItsRowsAndOnlyUsedRowsGetGradient()
    {
        var layer = new LearnedPositionalEncoding(5);
        layer.Build([2, 3], new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [2, 2, 3]);
        var y = layer.Forward(x, training: true);
        for (int i = 0; i < y.Length; i++) Assert.Equal(x[i] + layer.Positions.Value[i % 6], y[i]);

        var dy = TestTensors.Gaussian(new RandomSource(3), [2, 2, 3]);
        Assert.Same(dy, layer.Backward(dy));
        for (int i = 0; i < 6; i++) Assert.Equal(dy[i] + dy[6 + i], layer.Positions.Gradient[i], 6);
        Assert.False(layer.Positions.Gradient.Span[6..].ContainsAnyExcept(0f), "rows past the sequence length got a gradient");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SequencesLongerThanMaxLengthAreRejectedClearly(bool learned)
    {
        Layer layer = learned ? new LearnedPositionalEncoding(4) : new SinusoidalPositionalEncoding(4);
        var error = Assert.Throws<ArgumentException>(() => layer.Build([6, 3], new RandomSource(1)));
        Assert.Contains("maxLength 4", error.Message);
        Assert.Contains("6 steps", error.Message);
        var flat = Assert.Throws<ArgumentException>(() => layer.CloneUnbuilt().Build([6], new RandomSource(1)));
        Assert.Contains("[time, dim]", flat.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SinusoidalPositionalEncoding(0));
    }
}

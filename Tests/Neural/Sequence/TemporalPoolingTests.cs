using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public sealed class TemporalPoolingTests
{
    private static readonly int[] Input = [SequenceInputs.Steps, 3];

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Conforms(bool max, bool masked) =>
        LayerConformance.CheckAll(() => max ? Layer.TemporalMaxPooling() : Layer.TemporalMeanPooling(), Input, 0, input: SequenceInputs.Features(masked));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PaddingHasNoEffectAndGetsNoGradient(bool max) =>
        PaddingChecks.AssertInert(() => max ? new TemporalMaxPooling() : new TemporalMeanPooling(), Input, zeroOutputAtPadding: false);

    [Fact]
    public void HandComputedMaskedMeanAndMax()
    {
        // Two sequences of 3 steps × 2 features; the first has 2 real steps, the second none.
        var x = new Tensor([1f, -4f, 3f, 2f, 100f, 100f, 5f, 5f, 5f, 5f, 5f, 5f], 2, 3, 2);
        var mask = new Tensor([1f, 1f, 0f, 0f, 0f, 0f], 2, 3);
        var mean = new TemporalMeanPooling();
        mean.Build([3, 2], new RandomSource(1));
        mean.SetInputMask(mask);
        Assert.Equal([2f, -1f, 0f, 0f], mean.Forward(x, false).Span.ToArray());
        Assert.Equal([0.5f, 1f, 0.5f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], mean.Backward(new Tensor([1f, 2f, 3f, 4f], 2, 2)).Span.ToArray());
        Assert.Null(mean.OutputMask);

        var max = new TemporalMaxPooling();
        max.Build([3, 2], new RandomSource(1));
        max.SetInputMask(mask);
        Assert.Equal([3f, 2f, 0f, 0f], max.Forward(x, false).Span.ToArray());
        Assert.Equal([0f, 0f, 1f, 2f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], max.Backward(new Tensor([1f, 2f, 3f, 4f], 2, 2)).Span.ToArray());
        max.SetInputMask(null);
        Assert.Equal([100f, 100f, 5f, 5f], max.Forward(x, false).Span.ToArray());
    }
}

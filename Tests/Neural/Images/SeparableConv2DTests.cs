using MLExt.Neural;

namespace MLExt.Tests.Neural.Images;

public class SeparableConv2DTests
{
    [Theory]
    [InlineData(1, Activation.None)]
    [InlineData(2, Activation.Tanh)]
    public void Conforms(int multiplier, Activation activation) =>
        // depthwise 2·M·3·3, pointwise 3·(2·M) + 3
        LayerConformance.CheckAll(() => new SeparableConv2D(3, 3, padding: Padding.Same, depthMultiplier: multiplier, activation: activation),
            [2, 4, 5], 2 * multiplier * 9 + 3 * 2 * multiplier + 3);

    [Fact]
    public void IsTheDepthwiseThenThePointwiseConvolution()
    {
        var separable = new SeparableConv2D(4, 3, stride: 2, padding: Padding.Same);
        separable.Build([3, 6, 6], new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [2, 3, 6, 6]);
        var expected = separable.Pointwise.Forward(separable.Depthwise.Forward(x, false), false).Clone();
        TestTensors.AssertIdentical(expected, separable.Forward(x, false), "separable output");
        Assert.Equal(["depthwise.kernel", "pointwise.kernel", "pointwise.bias"], separable.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void NeedsFarFewerWeightsThanAFullConvolution()
    {
        var full = new Conv2D(64, 5);
        var separable = new SeparableConv2D(64, 5);
        full.Build([32, 14, 14], new RandomSource(1));
        separable.Build([32, 14, 14], new RandomSource(1));
        Assert.Equal(64 * 32 * 25 + 64, full.ParameterCount);
        Assert.Equal(32 * 25 + 64 * 32 + 64, separable.ParameterCount);
    }
}

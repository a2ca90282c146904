using MLExt.Neural;

namespace MLExt.Tests.Neural.Images;

public class DepthwiseConv2DTests
{
    [Theory]
    [InlineData(1, 1, "valid", 1)]
    [InlineData(2, 1, "same", 1)]
    [InlineData(1, 2, "same", 1)]
    [InlineData(1, 1, "1,0,0,1", 2)]
    public void Conforms(int multiplier, int stride, string padding, int dilation) =>
        LayerConformance.CheckAll(() => new DepthwiseConv2D(3, stride, Padding.Parse(padding), dilation, multiplier, biasInitializer: new Constant(0.1f)),
            [2, 5, 6], 2 * multiplier * 9 + 2 * multiplier);

    [Fact]
    public void ConformsWithActivationAndWithoutBias() =>
        LayerConformance.CheckAll(() => new DepthwiseConv2D(new Size2D(2, 3), activation: Activation.Tanh, useBias: false), [3, 4, 4], 3 * 6);

    [Theory]
    [InlineData(1, 1, "valid", 1)]
    [InlineData(2, 1, "same", 1)]
    [InlineData(3, 2, "same", 1)]
    [InlineData(1, 1, "same", 2)]
    [InlineData(2, 3, "2,1,0,2", 1)]
    public void EqualsAGroupedConvolutionWithOneGroupPerChannel(int multiplier, int stride, string padding, int dilation)
    {
        const int channels = 3;
        var depthwise = new DepthwiseConv2D(3, stride, Padding.Parse(padding), dilation, multiplier, biasInitializer: new Constant(0.2f));
        var grouped = new Conv2D(channels * multiplier, 3, stride, Padding.Parse(padding), dilation, groups: channels, biasInitializer: new Constant(0.2f));
        int[] input = [channels, 7, 6];
        Assert.Equal(grouped.Build(input, new RandomSource(1)), depthwise.Build(input, new RandomSource(2)));
        depthwise.Kernel.Value.Span.CopyTo(grouped.Kernel.Value.Span);

        var x = TestTensors.Gaussian(new RandomSource(3), [2, .. input]);
        TestTensors.AssertClose(grouped.Forward(x, true).Span, depthwise.Forward(x, true).Span, 1e-5, "depthwise vs grouped output");
        var dy = TestTensors.Gaussian(new RandomSource(4), [2, .. depthwise.OutputShape]);
        TestTensors.AssertClose(grouped.Backward(dy).Span, depthwise.Backward(dy).Span, 1e-5, "depthwise vs grouped dx");
        TestTensors.AssertClose(grouped.Kernel.Gradient.Span, depthwise.Kernel.Gradient.Span, 1e-5, "depthwise vs grouped dW");
        TestTensors.AssertClose(grouped.Bias!.Gradient.Span, depthwise.Bias!.Gradient.Span, 1e-5, "depthwise vs grouped db");
    }

    [Fact]
    public void OutputChannelsAreChannelsTimesMultiplierInTheOnnxLayout()
    {
        var layer = new DepthwiseConv2D(3, depthMultiplier: 4);
        Assert.Equal([12, 3, 3], layer.Build([3, 5, 5], new RandomSource(1)));
        Assert.Equal([12, 1, 3, 3], layer.Kernel.Value.Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DepthwiseConv2D(3, depthMultiplier: 0));
    }
}

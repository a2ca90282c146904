using MLExt.Neural;

namespace MLExt.Tests.Neural;

public class ActivationLayerTests
{
    public static TheoryData<Activation, float> ActivationsAndAlphas()
    {
        var data = new TheoryData<Activation, float>();
        foreach (var activation in Enum.GetValues<Activation>()) data.Add(activation, float.NaN);
        data.Add(Activation.LeakyRelu, 0.2f);
        data.Add(Activation.Elu, 0.5f);
        return data;
    }

    [Theory]
    [MemberData(nameof(ActivationsAndAlphas))]
    public void Conforms(Activation activation, float alpha) =>
        LayerConformance.CheckAll(() => new ActivationLayer(activation, alpha), [2, 3], expectedParameters: 0);

    [Theory]
    [InlineData(Activation.None, float.NaN, -1.5f, -1.5f)]
    [InlineData(Activation.Sigmoid, float.NaN, 0f, 0.5f)]
    [InlineData(Activation.Sigmoid, float.NaN, 2f, 0.8807971f)]
    [InlineData(Activation.Sigmoid, float.NaN, -3f, 0.0474259f)]
    [InlineData(Activation.Sigmoid, float.NaN, -1000f, 0f)]
    [InlineData(Activation.Tanh, float.NaN, 0.5f, 0.4621172f)]
    [InlineData(Activation.Tanh, float.NaN, -2f, -0.9640276f)]
    [InlineData(Activation.Relu, float.NaN, -1f, 0f)]
    [InlineData(Activation.Relu, float.NaN, 2.5f, 2.5f)]
    [InlineData(Activation.LeakyRelu, float.NaN, -2f, -0.02f)]
    [InlineData(Activation.LeakyRelu, float.NaN, 3f, 3f)]
    [InlineData(Activation.LeakyRelu, 0.2f, -2f, -0.4f)]
    [InlineData(Activation.Elu, float.NaN, -1f, -0.6321206f)]
    [InlineData(Activation.Elu, float.NaN, 1.5f, 1.5f)]
    [InlineData(Activation.Elu, 0.5f, -2f, -0.4323324f)]
    [InlineData(Activation.Gelu, float.NaN, 1f, 0.841192f)]
    [InlineData(Activation.Gelu, float.NaN, -1f, -0.158808f)]
    [InlineData(Activation.Gelu, float.NaN, 2f, 1.954598f)]
    [InlineData(Activation.Gelu, float.NaN, 0f, 0f)]
    public void ElementWiseValues(Activation activation, float alpha, float x, float expected)
    {
        var layer = new ActivationLayer(activation, alpha);
        layer.Build([1], new RandomSource(1));
        var y = layer.Forward(new Tensor([x], 1, 1), training: false);
        Assert.Equal(expected, y[0], 1e-6f);
    }

    [Theory]
    [InlineData(new[] { 1f, 2f, 3f }, new[] { 0.09003057f, 0.24472847f, 0.66524096f })]
    [InlineData(new[] { 1001f, 1002f, 1003f }, new[] { 0.09003057f, 0.24472847f, 0.66524096f })]
    [InlineData(new[] { 1000f, 1000f, -1000f }, new[] { 0.5f, 0.5f, 0f })]
    [InlineData(new[] { -1000f, -1000f, -1001f }, new[] { 0.4223188f, 0.4223188f, 0.1553624f })]
    public void SoftmaxValuesAreStableForLargeLogits(float[] x, float[] expected)
    {
        var layer = new ActivationLayer(Activation.Softmax);
        layer.Build([3], new RandomSource(1));
        var y = layer.Forward(new Tensor(x, 1, 3), training: false);
        TestTensors.AssertClose(expected, y.Span, 1e-6, "softmax");
    }

    [Fact]
    public void SoftmaxNormalisesTheLastDimensionOnly()
    {
        var layer = new ActivationLayer(Activation.Softmax);
        layer.Build([4, 5], new RandomSource(1));
        var y = layer.Forward(TestTensors.Gaussian(new RandomSource(2), [3, 4, 5], 3f), training: false);
        for (int group = 0; group < 12; group++)
            Assert.Equal(1f, y.Span.Slice(group * 5, 5).ToArray().Sum(), 1e-6f);
    }

    [Fact]
    public void ConfigKeepsTheAlphaOnlyWhenSet()
    {
        Assert.False(new ActivationLayer(Activation.Elu).GetConfig().Has("alpha"));
        var config = new ActivationLayer(Activation.Elu, 0.25f).GetConfig();
        Assert.Equal(0.25f, config.GetFloat("alpha"));
        Assert.Equal(0.25f, ((ActivationLayer)Layer.FromConfig(config)).Alpha);
        Assert.Equal("ActivationLayer(activation=Elu, alpha=0.25)", config.ToString());
    }
}

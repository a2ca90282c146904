using MLExt.Neural;

namespace MLExt.Tests.Neural;

public class DenseTests
{
    private const int Inputs = 4, Units = 5;

    public static TheoryData<Activation, bool> ActivationsWithAndWithoutBias()
    {
        var data = new TheoryData<Activation, bool>();
        foreach (var activation in Enum.GetValues<Activation>())
        {
            data.Add(activation, true);
            data.Add(activation, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ActivationsWithAndWithoutBias))]
    public void Conforms(Activation activation, bool useBias) =>
        LayerConformance.CheckAll(() => new Dense(Units, activation, biasInitializer: new Constant(0.1f), useBias: useBias),
            [Inputs], Inputs * Units + (useBias ? Units : 0));

    [Theory]
    [InlineData(Activation.LeakyRelu, 0.2f)]
    [InlineData(Activation.Elu, 0.5f)]
    public void ConformsWithCustomAlpha(Activation activation, float alpha) =>
        LayerConformance.CheckAll(() => new Dense(Units, activation, new GlorotNormal(), new HeUniform(), activationAlpha: alpha),
            [Inputs], Inputs * Units + Units);

    [Fact]
    public void FactoryLayerWithDefaultsConforms() =>
        LayerConformance.CheckAll(() => Layer.Dense(3, Activation.Tanh), [7], 7 * 3 + 3);

    [Fact]
    public void ForwardIsXTimesWPlusB()
    {
        var dense = new Dense(2, useBias: true);
        dense.Build([3], new RandomSource(1));
        float[] w = [1, 2, 3, 4, 5, 6]; // W[in=3, units=2]
        w.CopyTo(dense.Kernel.Value.Span);
        dense.Bias!.Value.Span[0] = 0.5f;
        dense.Bias.Value.Span[1] = -1f;
        var x = new Tensor([1f, 0f, -1f, 2f, 1f, 0.5f], 2, 3);

        var y = dense.Forward(x, training: false);

        // [1, 0, −1]·W = [1 − 5, 2 − 6] = [−4, −4]; [2, 1, 0.5]·W = [2 + 3 + 2.5, 4 + 4 + 3] = [7.5, 11]
        Assert.Equal([-3.5f, -5f, 8f, 10f], y.Span.ToArray());
    }

    [Fact]
    public void SoftmaxOutputsAreFiniteProbabilitiesForHugeLogits()
    {
        var dense = new Dense(3, Activation.Softmax, new Constant(1000f), new Constant(0f));
        dense.Build([2], new RandomSource(1));
        dense.Kernel.Value.Span[0] = -1000f;
        var y = dense.Forward(new Tensor([1f, 1f], 1, 2), training: false);
        Assert.All(y.Span.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, y.Span.ToArray().Sum(), 1e-6f);
        Assert.Equal(0f, y[0]);
        Assert.Equal(0.5f, y[1], 1e-6f);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NonPositiveUnitsThrow(int units) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(units));

    [Fact]
    public void NonFlatInputIsRejectedAtBuild()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dense(3).Build([3, 2, 4], new RandomSource(1)));
        Assert.Contains("[3, 2, 4]", error.Message);
        Assert.Contains("Flatten", error.Message);
    }

    [Theory]
    [InlineData(Activation.Relu, "HeNormal")]
    [InlineData(Activation.Gelu, "HeNormal")]
    [InlineData(Activation.Tanh, "GlorotUniform")]
    [InlineData(Activation.None, "GlorotUniform")]
    public void DefaultKernelInitializerSuitsTheActivation(Activation activation, string expected)
    {
        var dense = new Dense(2, activation);
        Assert.Equal(expected, dense.KernelInitializer.ToString());
        Assert.Equal("Zeros", dense.BiasInitializer.ToString());
    }

    [Fact]
    public void WithoutBiasThereIsOnlyAKernel()
    {
        var dense = new Dense(2, useBias: false);
        dense.Build([3], new RandomSource(1));
        Assert.Null(dense.Bias);
        Assert.Equal(["kernel"], dense.Parameters.Select(p => p.Name));
        Assert.True(dense.Kernel.IsWeight);
    }
}

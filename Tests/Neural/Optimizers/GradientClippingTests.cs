using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural;

public sealed class GradientClippingTests
{
    [Fact]
    public void ClipByGlobalNormScalesAllGradientsToTheMaximum()
    {
        // ‖(3, 0, 0, 4)‖ = 5 > 2.5, so every gradient is halved.
        var parameters = WithGradients([3, 0], [0, 4]);
        double norm = GradientClipping.ClipByGlobalNorm(parameters, 2.5f);
        Assert.Equal(5.0, norm, 1e-12);
        Assert.Equal([1.5f, 0f], parameters[0].Gradient.Span.ToArray());
        Assert.Equal([0f, 2f], parameters[1].Gradient.Span.ToArray());
        Assert.Equal(2.5, GradientClipping.ClipByGlobalNorm(parameters, 100f), 1e-6);
    }

    [Theory]
    [InlineData(5f)]
    [InlineData(10f)]
    public void ClipByGlobalNormLeavesSmallGradientsAlone(float maxNorm)
    {
        var parameters = WithGradients([3, 0], [0, 4]);
        Assert.Equal(5.0, GradientClipping.ClipByGlobalNorm(parameters, maxNorm), 1e-12);
        Assert.Equal([3f, 0f], parameters[0].Gradient.Span.ToArray());
        Assert.Equal([0f, 4f], parameters[1].Gradient.Span.ToArray());
    }

    [Fact]
    public void ClipByGlobalNormReportsButDoesNotScaleANonFiniteNorm()
    {
        var parameters = WithGradients([float.NaN, 1]);
        Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(parameters, 1f)));
        Assert.Equal(1f, parameters[0].Gradient[1]);
    }

    [Fact]
    public void ClipByValueClampsEachGradient()
    {
        var parameters = WithGradients([-3, 0.5f, 2], [1, -1]);
        GradientClipping.ClipByValue(parameters, 1f);
        Assert.Equal([-1f, 0.5f, 1f], parameters[0].Gradient.Span.ToArray());
        Assert.Equal([1f, -1f], parameters[1].Gradient.Span.ToArray());
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void BadLimitsThrow(float limit)
    {
        var parameters = WithGradients([1, 2]);
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(parameters, limit)).ParamName);
        Assert.Equal("limit", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(parameters, limit)).ParamName);
    }

    private static Parameter[] WithGradients(params float[][] gradients) =>
        [.. gradients.Select(g =>
        {
            var parameter = NewParameter(new double[g.Length]);
            g.CopyTo(parameter.Gradient.Span);
            return parameter;
        })];
}

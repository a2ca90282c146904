using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural;

public sealed class WeightPenaltyTests
{
    private const float L1 = 0.1f, L2 = 0.01f;

    [Fact]
    public void ValueIsL1PlusHalfL2OverWeightsOnly()
    {
        var (weight, bias) = WeightAndBias();
        // 0.1·(0.5 + 2 + 0) + ½·0.01·(0.25 + 4 + 0) = 0.25 + 0.02125; the bias (10, −10) adds nothing.
        Assert.Equal(0.27125, WeightPenalty.Value([weight, bias], L1, L2), 1e-7);
    }

    [Fact]
    public void GradientsAddL1SignPlusL2WeightToWeightsOnly()
    {
        var (weight, bias) = WeightAndBias();
        WeightPenalty.AddGradients([weight, bias], L1, L2);
        // 1 + (0.1·sign(w) + 0.01·w): (1 + 0.1 + 0.005, 1 − 0.1 − 0.02, 1 + 0)
        Assert.Equal(1.105f, weight.Gradient[0], 1e-6f);
        Assert.Equal(0.88f, weight.Gradient[1], 1e-6f);
        Assert.Equal(1f, weight.Gradient[2]);
        Assert.Equal([1f, 1f], bias.Gradient.Span.ToArray());
    }

    [Fact]
    public void GradientIsTheDerivativeOfTheValue()
    {
        var (weight, _) = WeightAndBias();
        weight.Gradient.Clear();
        WeightPenalty.AddGradients([weight], L1, L2);
        const float h = 1e-2f;
        foreach (int i in new[] { 0, 1 }) // away from the kink of |w| at 0
        {
            float w = weight.Value[i];
            weight.Value[i] = w + h;
            double up = WeightPenalty.Value([weight], L1, L2);
            weight.Value[i] = w - h;
            double down = WeightPenalty.Value([weight], L1, L2);
            weight.Value[i] = w;
            Assert.Equal((up - down) / (2 * h), weight.Gradient[i], 1e-4);
        }
    }

    [Theory]
    [InlineData(-0.1f, 0f, "l1")]
    [InlineData(float.NaN, 0f, "l1")]
    [InlineData(0f, -1f, "l2")]
    [InlineData(0f, float.PositiveInfinity, "l2")]
    public void BadStrengthsThrow(float l1, float l2, string name)
    {
        var (weight, _) = WeightAndBias();
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => WeightPenalty.Value([weight], l1, l2)).ParamName);
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => WeightPenalty.AddGradients([weight], l1, l2)).ParamName);
    }

    private static (Parameter Weight, Parameter Bias) WeightAndBias()
    {
        var weight = NewParameter([0.5, -2, 0]);
        var bias = NewParameter([10, -10], isWeight: false, name: "bias");
        weight.Gradient.Span.Fill(1f);
        bias.Gradient.Span.Fill(1f);
        return (weight, bias);
    }
}

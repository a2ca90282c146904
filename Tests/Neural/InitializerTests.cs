using MLExt.Neural;

namespace MLExt.Tests.Neural;

public class InitializerTests
{
    private const int FanIn = 300, FanOut = 200, Count = FanIn * FanOut;

    public static TheoryData<string, bool, double> Distributions() => new()
    {
        // name, uniform?, limit (uniform) or standard deviation (normal)
        { "GlorotUniform", true, Math.Sqrt(6.0 / (FanIn + FanOut)) },
        { "GlorotNormal", false, Math.Sqrt(2.0 / (FanIn + FanOut)) },
        { "HeUniform", true, Math.Sqrt(6.0 / FanIn) },
        { "HeNormal", false, Math.Sqrt(2.0 / FanIn) },
        { "LeCunUniform", true, Math.Sqrt(3.0 / FanIn) },
        { "LeCunNormal", false, Math.Sqrt(1.0 / FanIn) },
    };

    public static TheoryData<string> Names() =>
        ["GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LeCunUniform", "LeCunNormal", "Zeros", "Constant(0.1)", "Constant(-2.5E-07)"];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void ValuesFollowTheDocumentedDistribution(string name, bool uniform, double parameter)
    {
        var values = Fill(Initializer.Parse(name), seed: 42);
        double mean = values.Average(v => (double)v);
        double std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        double expectedStd = uniform ? parameter / Math.Sqrt(3) : parameter;

        Assert.InRange(mean, -5 * expectedStd / Math.Sqrt(Count), 5 * expectedStd / Math.Sqrt(Count));
        Assert.InRange(std, 0.985 * expectedStd, 1.015 * expectedStd);
        double withinOneStd = values.Count(v => Math.Abs(v) <= expectedStd) / (double)Count;
        if (uniform)
        {
            Assert.All(values, v => Assert.InRange(v, -parameter, parameter));
            Assert.True(values.Max(Math.Abs) > 0.999 * parameter, "uniform values should reach the limit");
            Assert.InRange(withinOneStd, 1 / Math.Sqrt(3) - 0.01, 1 / Math.Sqrt(3) + 0.01);
        }
        else
        {
            Assert.InRange(withinOneStd, 0.6827 - 0.01, 0.6827 + 0.01);
            Assert.True(values.Max(Math.Abs) > 3.5 * expectedStd, "normal values should have tails");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeedSameValuesAndParseRoundTrips(string name)
    {
        var initializer = Initializer.Parse(name);
        Assert.Equal(name, initializer.ToString());
        var parsed = Initializer.Parse(initializer.ToString());
        Assert.IsType(initializer.GetType(), parsed);
        Assert.Equal(initializer.ToString(), parsed.ToString());
        Assert.Equal(Fill(initializer, seed: 3), Fill(parsed, seed: 3));
    }

    [Theory]
    [InlineData("GlorotUniform")]
    [InlineData("HeNormal")]
    public void DifferentSeedsGiveDifferentValues(string name) =>
        Assert.NotEqual(Fill(Initializer.Parse(name), seed: 1), Fill(Initializer.Parse(name), seed: 2));

    [Fact]
    public void ZerosAndConstantOverwriteEverything()
    {
        var values = new float[10];
        values.AsSpan().Fill(7f);
        new Zeros().Fill(values, 2, 5, new RandomSource(1));
        Assert.All(values, v => Assert.Equal(0f, v));
        new Constant(0.1f).Fill(values, 2, 5, new RandomSource(1));
        Assert.All(values, v => Assert.Equal(0.1f, v));
        Assert.Equal(-2.5e-7f, ((Constant)Initializer.Parse("Constant(-2.5E-07)")).Value);
    }

    [Theory]
    [InlineData("Gaussian")]
    [InlineData("Constant(abc)")]
    [InlineData("heNormal")]
    public void UnknownNamesThrowFormatException(string text) =>
        Assert.Throws<FormatException>(() => Initializer.Parse(text));

    private static float[] Fill(Initializer initializer, int seed)
    {
        var values = new float[Count];
        initializer.Fill(values, FanIn, FanOut, new RandomSource(seed));
        return values;
    }
}

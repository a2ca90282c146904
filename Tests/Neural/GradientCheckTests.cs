using Xunit.Sdk;

namespace MLExt.Tests.Neural;

/// <summary>The finite-difference check itself must pass right gradients and fail wrong ones.</summary>
public class GradientCheckTests
{
    private static double Cubic(float[] x) => x.Sum(v => (double)v * v * v);

    [Fact]
    public void ARightGradientPasses()
    {
        float[] x = [0.5f, -1.25f, 2f];
        Assert.Equal(0, GradientCheck.AssertMatches("x³", x, x.Select(v => 3 * v * v).ToArray(), () => Cubic(x)));
        Assert.Equal([0.5f, -1.25f, 2f], x); // values are restored
    }

    [Fact]
    public void AGradientTwoPercentOffFails()
    {
        // The error is measured against the largest gradient (12 here), so the largest one is made 2% wrong.
        float[] x = [0.5f, -1.25f, 2f];
        var wrong = x.Select(v => 3 * v * v).ToArray();
        wrong[2] *= 1.02f;
        Assert.Throws<TrueException>(() => GradientCheck.AssertMatches("x³", x, wrong, () => Cubic(x)));
    }

    [Fact]
    public void AKinkWithinEpsilonIsSkippedButOnlyAFew()
    {
        // Σ|x|: the first value sits 1e-4 from the kink at 0, where central differences say 0.1 instead of 1.
        float[] x = [1e-4f, 1f, -2f, 0.5f, -0.7f, 1.1f, 0.3f, -0.4f, 0.9f, 2.2f];
        var slope = x.Select(v => (float)Math.Sign(v)).ToArray();
        Assert.Equal(1, GradientCheck.AssertMatches("|x|", x, slope, () => x.Sum(v => Math.Abs((double)v))));

        float[] crowded = [1e-4f, -2e-4f, 1f];
        Assert.Throws<TrueException>(() => GradientCheck.AssertMatches("|x|", crowded,
            crowded.Select(v => (float)Math.Sign(v)).ToArray(), () => crowded.Sum(v => Math.Abs((double)v))));
    }
}

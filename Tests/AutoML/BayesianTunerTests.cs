using MLExt.AutoML;

namespace MLExt.Tests.AutoML;

public sealed class BayesianTunerTests
{
    [Fact]
    public void ReachesSmallRegretOnBraninWithinFortyTrials()
    {
        var branin = OptimizationTestFunction.Branin;
        double best = branin.BestSoFar(new BayesianTuner(branin.Space, 0), 40)[^1];
        Assert.True(best - branin.Minimum < 0.05, $"regret {best - branin.Minimum}");
    }

    [Fact]
    public void CholeskyMatchesAHandComputedFactorAndSolves()
    {
        // A = [[4, 2, -2], [2, 10, 2], [-2, 2, 6]] = L·Lᵀ with L = [[2, 0, 0], [1, 3, 0], [-1, 1, 2]].
        double[] a = [4, 2, -2, 2, 10, 2, -2, 2, 6];
        Assert.True(Cholesky.Decompose(a, 3));
        Assert.Equal([2, 1, 3, -1, 1, 2], new[] { a[0], a[3], a[4], a[6], a[7], a[8] });
        // A·x = b for x = (1, 2, 3): b = (2, 28, 20).
        double[] b = [2, 28, 20];
        Cholesky.SolveLower(a, 3, b);
        Cholesky.SolveUpper(a, 3, b);
        Assert.Equal(1.0, b[0], 12);
        Assert.Equal(2.0, b[1], 12);
        Assert.Equal(3.0, b[2], 12);
        Assert.False(Cholesky.Decompose([1, 2, 2, 1], 2));
    }

    [Fact]
    public void GaussianProcessInterpolatesItsDataAndIsUncertainAwayFromIt()
    {
        double[][] x = [[0.1], [0.4], [0.9]];
        double[] y = [1.0, -0.5, 0.3];
        var process = GaussianProcess.Fit(x, y, [0.3], 1e-8)!;
        var scratch = new double[3];
        for (int i = 0; i < 3; i++)
        {
            var (mean, std) = process.Predict(x[i], scratch);
            Assert.Equal(y[i], mean, 1e-5);
            Assert.True(std < 1e-3);
        }
        Assert.True(process.Predict([5.0], scratch).StdDev > 0.99 * Math.Sqrt(process.Amplitude));
        // Profiled amplitude: yᵀR⁻¹y / n.
        Assert.True(process.Amplitude > 0);
    }

    [Fact]
    public void NormalDistributionMatchesKnownValues()
    {
        Assert.Equal(0.8413447460685429, NormalDistribution.Cdf(1), 2e-7);
        Assert.Equal(0.0013498980316301, NormalDistribution.Cdf(-3), 1e-9);
        Assert.Equal(0.004677734981047266, NormalDistribution.Erfc(2), 1e-9);
        Assert.Equal(0.3989422804014327, NormalDistribution.Pdf(0), 1e-15);
    }

    [Fact]
    public void FailedTrialsSteerTheSearchAway()
    {
        // Everything above x = 0.5 fails; the loss falls towards 0.5 from below.
        var space = new SearchSpace().Float("x", 0, 1);
        var tuner = new BayesianTuner(space, 3, new BayesianOptions { StartupTrials = 5 });
        int failures = 0;
        for (int i = 0; i < 30; i++)
        {
            var s = tuner.Propose();
            double x = s.Parameters.GetDouble("x");
            if (x > 0.5)
            {
                if (i >= 15) failures++;
                tuner.Report(TrialOutcome.Failed(s));
            }
            else tuner.Report(TrialOutcome.Completed(s, 0.5 - x));
        }
        Assert.True(failures <= 5, $"{failures} of the last 15 trials failed");
    }
}

using MLExt.Samples.WageRegression;

namespace MLExt.Tests.Samples;

public sealed class WageRegressionSampleTests
{
    [Fact]
    public void NetworkExplainsWagesAboutAsWellAsSdca()
    {
        var (network, sdca) = WageSample.Run(Path.Combine(AppContext.BaseDirectory, "cps-wages-1985.csv"));
        // Published wage equations on this survey explain roughly a quarter of log-wage variance.
        Assert.InRange(network.RSquared, 0.15, 0.5);
        Assert.InRange(sdca.RSquared, 0.15, 0.5);
        Assert.True(network.RootMeanSquaredError < sdca.RootMeanSquaredError * 1.1,
            $"network RMSE {network.RootMeanSquaredError:F4} vs SDCA {sdca.RootMeanSquaredError:F4}");
    }
}

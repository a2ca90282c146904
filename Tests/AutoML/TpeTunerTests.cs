using MLExt.AutoML;
using MLExt.Neural;

namespace MLExt.Tests.AutoML;

public sealed class TpeTunerTests
{
    [Fact]
    public void BeatsRandomSearchOnBraninOverFiveSeeds()
    {
        var branin = OptimizationTestFunction.Branin;
        double Median(Func<int, ITuner> create) => Enumerable.Range(0, 5).Select(seed => branin.BestSoFar(create(seed), 60)[^1]).Order().ElementAt(2);
        double tpe = Median(seed => new TpeTuner(branin.Space, seed));
        double random = Median(seed => new RandomSearchTuner(branin.Space, seed));
        Assert.True(tpe < random, $"TPE median best {tpe}, random {random}");
        Assert.True(tpe - branin.Minimum < 0.1, $"TPE regret {tpe - branin.Minimum} after 60 trials");
    }

    [Fact]
    public void ParzenDensityIntegratesToOneAndBinsSumToOne()
    {
        var estimator = new ParzenEstimator([0.1, 0.15, 0.8], [1, 1, 1], 1.0);
        double integral = 0;
        const int steps = 20000;
        for (int i = 0; i < steps; i++) integral += Math.Exp(estimator.LogDensity((i + 0.5) / steps)) / steps;
        Assert.Equal(1.0, integral, 1e-5);
        double bins = Math.Exp(estimator.LogProbability(0, 0.25)) + Math.Exp(estimator.LogProbability(0.25, 0.6)) + Math.Exp(estimator.LogProbability(0.6, 1));
        Assert.Equal(1.0, bins, 1e-6);
    }

    [Fact]
    public void ParzenBandwidthsFollowTheNeighbourRule()
    {
        // Sorted means with the prior 0.5: 0.1, 0.5, 0.9 between ends 0 and 1. Inner kernel 0.5: max(0.4, 0.4) = 0.4;
        // outer kernels use their inner gap only: 0.4; clip range [1/4, 1]; the prior kernel N(0.5, 1). Each of the
        // three kernels has weight 1/3 and is divided by its mass on [0, 1].
        var estimator = new ParzenEstimator([0.1, 0.9], [1, 1], 1.0);
        static double Phi(double z) => NormalDistribution.Cdf(z);
        double kernel(double x, double mu, double s) => Math.Exp(-0.5 * Math.Pow((x - mu) / s, 2)) / (s * Math.Sqrt(2 * Math.PI)) / (Phi((1 - mu) / s) - Phi(-mu / s));
        double expected = (kernel(0.3, 0.1, 0.4) + kernel(0.3, 0.9, 0.4) + kernel(0.3, 0.5, 1.0)) / 3;
        Assert.Equal(expected, Math.Exp(estimator.LogDensity(0.3)), 1e-6);
    }

    [Fact]
    public void CategoricalEstimatorFollowsOptunasSmoothing()
    {
        // Observations {0, 0} of 3 choices, prior weight 1: floor 1/3; each observation row is (1 + 1/3, 1/3, 1/3)/2,
        // the prior row uniform; mixture weights 1/3 each.
        var estimator = new CategoricalParzenEstimator([0, 0], [1, 1], 3, 1.0);
        double p0 = (2 * (4.0 / 3) / 2 + 1.0 / 3) / 3, p1 = (2 * (1.0 / 3) / 2 + 1.0 / 3) / 3;
        Assert.Equal(p0, Math.Exp(estimator.LogProbability(0)), 12);
        Assert.Equal(p1, Math.Exp(estimator.LogProbability(1)), 12);
        Assert.Equal(1.0, Enumerable.Range(0, 3).Sum(c => Math.Exp(estimator.LogProbability(c))), 12);
    }

    [Fact]
    public void LearnsTheGoodBranchOfAConditionalSpaceUsingOnlyTrialsWhereParametersAreActive()
    {
        var space = new SearchSpace().Choice("Model", "a", "b", "c")
            .When("Model", "b", s => s.Float("Beta", 0, 1))
            .When("Model", "c", s => s.Int("Gamma", 1, 10));
        var tuner = new TpeTuner(space, 7);
        var proposals = new List<Parameters>();
        for (int i = 0; i < 80; i++)
        {
            var s = tuner.Propose();
            proposals.Add(s.Parameters);
            double loss = s.Parameters.GetString("Model") switch
            {
                "b" => Math.Abs(s.Parameters.GetDouble("Beta") - 0.3),
                "c" => 0.5 + s.Parameters.GetInt32("Gamma") / 10.0,
                _ => 1.0,
            };
            tuner.Report(TrialOutcome.Completed(s, loss));
        }
        var late = proposals.Skip(40).ToList();
        Assert.True(late.Count(p => p.GetString("Model") == "b") >= 30, string.Join("; ", late));
        Assert.True(late.Where(p => p.Contains("Beta")).Select(p => Math.Abs(p.GetDouble("Beta") - 0.3)).Order().ElementAt(10) < 0.05);
    }

    [Fact]
    public void InvalidOptionsAreNamed()
    {
        var space = new SearchSpace().Float("x", 0, 1);
        Assert.Equal("Gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new TpeTuner(space, 0, new TpeOptions { Gamma = 1 })).ParamName);
        Assert.Equal("StartupTrials", Assert.Throws<ArgumentOutOfRangeException>(() => new TpeTuner(space, 0, new TpeOptions { StartupTrials = 0 })).ParamName);
    }
}

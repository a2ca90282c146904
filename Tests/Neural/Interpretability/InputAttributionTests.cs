using MLExt.Neural;

namespace MLExt.Tests.Neural.Interpretability;

/// <summary>
/// Attribution methods on small random networks: saliency is the gradient (finite differences), integrated gradients
/// is complete (Σ attributions = f(x) − f(baseline) within its convergence delta, which more steps shrink), and
/// occlusion, gradient × input and integrated gradients agree where the maths says they must (a linear network).
/// </summary>
public sealed class InputAttributionTests
{
    private static (Network Network, float[] X) Smooth(int seed)
    {
        var network = new Network([Layer.Dense(16, Activation.Tanh), Layer.Dense(8, Activation.Tanh), Layer.Dense(3)]);
        network.Build([10], new RandomSource(seed));
        var random = new RandomSource(seed + 100);
        return (network, Enumerable.Range(0, 10).Select(_ => 2 * random.NextFloat() - 1).ToArray());
    }

    [Fact]
    public void SaliencyEqualsFiniteDifferencesOfTheTargetOutput()
    {
        var (network, x) = Smooth(1);
        var attribution = new InputAttribution(network);
        for (int target = 0; target < 3; target++)
        {
            var saliency = attribution.Saliency(x, target);
            Assert.Contains(saliency, g => Math.Abs(g) > 1e-3);
            int skipped = GradientCheck.AssertMatches($"saliency of output {target}", x, saliency,
                () => attribution.Predict(x)[target]);
            Assert.Equal(0, skipped);
        }
    }

    [Fact]
    public void SaliencyOfAConvolutionalNetworkEqualsFiniteDifferences()
    {
        var network = new Network([Layer.Conv2D(3, 3, activation: Activation.Tanh), Layer.Flatten(), Layer.Dense(2)]);
        network.Build([1, 6, 6], new RandomSource(4));
        var random = new RandomSource(5);
        var x = Enumerable.Range(0, 36).Select(_ => random.NextFloat()).ToArray();
        var attribution = new InputAttribution(network);
        GradientCheck.AssertMatches("convolutional saliency", x, attribution.Saliency(x, 1), () => attribution.Predict(x)[1]);
    }

    [Theory]
    [InlineData(IntegrationRule.GaussLegendre)]
    [InlineData(IntegrationRule.RiemannLeft)]
    [InlineData(IntegrationRule.RiemannRight)]
    [InlineData(IntegrationRule.RiemannMiddle)]
    [InlineData(IntegrationRule.RiemannTrapezoid)]
    public void IntegratedGradientsAreCompleteWithinTheConvergenceDelta(IntegrationRule rule)
    {
        var (network, x) = Smooth(2);
        var attribution = new InputAttribution(network);
        var baseline = Enumerable.Repeat(0.25f, 10).ToArray();
        var coarse = attribution.IntegratedGradients(x, 2, baseline, new AttributionOptions { Rule = rule, Steps = 8, MaxBatch = 3 });
        var fine = attribution.IntegratedGradients(x, 2, baseline, new AttributionOptions { Rule = rule, Steps = 200 });

        double difference = fine.Output - fine.BaselineOutput;
        Assert.True(Math.Abs(difference) > 0.05, $"f(x) − f(baseline) = {difference} is too small to test against.");
        foreach (var result in new[] { coarse, fine })
        {
            double sum = result.Attributions.Sum(a => (double)a);
            Assert.Equal(sum - difference, result.ConvergenceDelta, 1e-5);
        }
        // A finer integral converges: the delta is below 1e-3 of the difference and not above the coarse one's.
        Assert.True(Math.Abs(fine.ConvergenceDelta) < 1e-3 * Math.Abs(difference), $"delta {fine.ConvergenceDelta} of {difference}");
        Assert.True(Math.Abs(fine.ConvergenceDelta) <= Math.Abs(coarse.ConvergenceDelta) + 1e-6);
    }

    [Fact]
    public void ALinearNetworkGivesEveryMethodTheSameExactAttributions()
    {
        var network = new Network([Layer.Dense(2)]);
        network.Build([5], new RandomSource(3));
        var x = new float[] { 0.5f, -1f, 2f, 0.25f, -0.75f };
        var attribution = new InputAttribution(network);
        var gradientTimesInput = attribution.GradientTimesInput(x, 1);
        var integrated = attribution.IntegratedGradients(x, 1, options: new AttributionOptions { Steps = 2 });
        var occlusion = attribution.Occlusion(x, 1);
        var weights = network.Parameters[0].Value.Span; // [in, out]
        for (int i = 0; i < 5; i++)
        {
            float expected = weights[i * 2 + 1] * x[i];
            Assert.Equal(expected, gradientTimesInput[i], 1e-5f);
            Assert.Equal(expected, integrated.Attributions[i], 1e-5f);
            Assert.Equal(expected, occlusion[i], 1e-5f);
        }
        Assert.True(Math.Abs(integrated.ConvergenceDelta) < 1e-5);
    }

    [Fact]
    public void SmoothGradIsSeededAndIsTheGradientWithoutNoise()
    {
        var (network, x) = Smooth(3);
        var attribution = new InputAttribution(network);
        var options = new AttributionOptions { Samples = 10, Seed = 7, MaxBatch = 4 };
        var first = attribution.SmoothGrad(x, 0, options);
        Assert.Equal(first, attribution.SmoothGrad(x, 0, options));
        Assert.NotEqual(first, attribution.SmoothGrad(x, 0, new AttributionOptions { Samples = 10, Seed = 8 }));
        var exact = attribution.SmoothGrad(x, 0, new AttributionOptions { NoiseLevel = 0 });
        var saliency = attribution.Saliency(x, 0);
        for (int i = 0; i < x.Length; i++) Assert.Equal(saliency[i], exact[i], 1e-5f);
    }

    [Fact]
    public void OcclusionWindowsCoverTheImageAndAverageWhereTheyOverlap()
    {
        var network = new Network([Layer.Flatten(), Layer.Dense(1)]);
        network.Build([1, 4, 4], new RandomSource(6));
        var x = Enumerable.Range(0, 16).Select(i => i / 16f).ToArray();
        var attribution = new InputAttribution(network);
        // A linear model: every window's drop is the sum of w·x under it; averaged over the windows covering a pixel.
        var occlusion = attribution.Occlusion(x, 0, new AttributionOptions { Window = [1, 2, 2], Strides = [1, 2, 2] });
        var w = network.Parameters[0].Value.Span.ToArray();
        for (int r = 0; r < 4; r += 2)
            for (int c = 0; c < 4; c += 2)
            {
                int[] cells = [r * 4 + c, r * 4 + c + 1, (r + 1) * 4 + c, (r + 1) * 4 + c + 1];
                float drop = cells.Sum(i => w[i] * x[i]);
                foreach (int i in cells) Assert.Equal(drop, occlusion[i], 1e-5f);
            }
        var error = Assert.Throws<ArgumentException>(() => attribution.Occlusion(x, 0, new AttributionOptions { Window = [5, 5] }));
        Assert.Contains("Window", error.Message);
    }

    [Fact]
    public void TokenInputsAreExplainedByLeavingOneTokenOut()
    {
        var graph = new GraphBuilder();
        var tokens = graph.TokenInput("tokens", 4);
        graph.Output("score", graph.Apply(tokens, Layer.Embedding(6, 3, paddingIndex: 0), Layer.TemporalMeanPooling(), Layer.Dense(1)));
        var model = graph.Build(new RandomSource(2));
        var attribution = new InputAttribution(model);
        float[] x = [1, 4, 5, 0];
        var occlusion = attribution.Occlusion(x, 0);
        double f = attribution.Predict(x)[0];
        for (int t = 0; t < 4; t++)
        {
            var left = (float[])x.Clone();
            left[t] = 0;
            Assert.Equal(f - attribution.Predict(left)[0], occlusion[t], 1e-5);
        }
        Assert.Equal(0f, occlusion[3]);
        var error = Assert.Throws<InvalidOperationException>(() => attribution.Saliency(x, 0));
        Assert.Contains("occlusion", error.Message);
    }

    [Fact]
    public void ABaselineOfTheWrongWidthIsRefused()
    {
        var (network, x) = Smooth(4);
        var error = Assert.Throws<ArgumentException>(() => new InputAttribution(network).IntegratedGradients(x, 0, new float[3]));
        Assert.Contains("3 values", error.Message);
        Assert.Contains("10", error.Message);
    }

    [Theory]
    [InlineData(IntegrationRule.GaussLegendre, 5, 9)]
    [InlineData(IntegrationRule.RiemannTrapezoid, 400, 1)]
    [InlineData(IntegrationRule.RiemannMiddle, 400, 1)]
    public void IntegrationPointsIntegratePolynomials(IntegrationRule rule, int steps, int degree)
    {
        var (alphas, weights) = IntegrationPoints.Of(rule, steps);
        Assert.Equal(1.0, weights.Sum(), 1e-12);
        Assert.All(alphas, a => Assert.InRange(a, 0.0, 1.0));
        // ∫₀¹ x^d dx = 1 / (d + 1); Gauss–Legendre with n nodes is exact to degree 2n − 1.
        double integral = alphas.Select((a, i) => weights[i] * Math.Pow(a, degree)).Sum();
        Assert.Equal(1.0 / (degree + 1), integral, rule == IntegrationRule.GaussLegendre ? 1e-12 : 1e-5);
    }
}

using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural;

public sealed class RmsPropOptimizerTests
{
    [Theory]
    [InlineData(0f, false, 1)]
    [InlineData(0f, false, 5)]
    [InlineData(0.5f, false, 1)]
    [InlineData(0.5f, false, 5)]
    [InlineData(0f, true, 1)]
    [InlineData(0f, true, 5)]
    [InlineData(0.5f, true, 5)]
    public void StepsMatchHandComputation(float momentum, bool centered, int steps)
    {
        var optimizer = new RmsPropOptimizer { LearningRate = 0.01f, Rho = 0.8f, Epsilon = 1e-3f, Momentum = momentum, Centered = centered };
        double eta = optimizer.LearningRate, rho = optimizer.Rho, epsilon = optimizer.Epsilon, mu = optimizer.Momentum;
        double[] meanSquare = new double[3], meanGradient = new double[3], buffer = new double[3];
        var expected = HandComputed(steps, (p, g, t) =>
        {
            for (int i = 0; i < p.Length; i++)
            {
                meanSquare[i] = rho * meanSquare[i] + (1 - rho) * g[i] * g[i];       // v ← ρv + (1 − ρ)g²
                meanGradient[i] = rho * meanGradient[i] + (1 - rho) * g[i];           // ḡ ← ρḡ + (1 − ρ)g
                double denominator = centered
                    ? meanSquare[i] - meanGradient[i] * meanGradient[i] + epsilon     // d = v − ḡ² + ε
                    : meanSquare[i] + epsilon;                                        // d = v + ε
                double increment = eta * g[i] / Math.Sqrt(denominator);               // Δ = ηg/√d
                buffer[i] = mu * buffer[i] + increment;                               // b ← μb + Δ (b = Δ when μ = 0)
                p[i] -= buffer[i];                                                    // p ← p − b
            }
        });
        AssertSteps(optimizer, steps, expected);
    }

    [Fact]
    public void FirstStepWithDefaultsDividesByTheRootOfTheMeanSquarePlusEpsilon()
    {
        // v = 0.1·0.375²; p = 0.5 − 0.001·0.375/√(v + 1e-7)
        var parameter = NewParameter(Start);
        Run(new RmsPropOptimizer(), 1, parameter);
        Assert.Equal(0.5 - 0.001 * 0.375 / Math.Sqrt(0.1 * 0.375 * 0.375 + 1e-7), parameter.Value[0], 1e-6);
    }
}

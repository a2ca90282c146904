using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural;

public sealed class SgdOptimizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void PlainStepsMatchHandComputation(int steps)
    {
        var optimizer = new SgdOptimizer { LearningRate = 0.1f };
        double eta = optimizer.LearningRate;
        var expected = HandComputed(steps, (p, g, t) =>
        {
            // p ← p − ηg
            for (int i = 0; i < p.Length; i++) p[i] -= eta * g[i];
        });
        AssertSteps(optimizer, steps, expected);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 5)]
    [InlineData(true, 1)]
    [InlineData(true, 5)]
    public void MomentumStepsMatchHandComputation(bool nesterov, int steps)
    {
        var optimizer = new SgdOptimizer { LearningRate = 0.1f, Momentum = 0.75f, Nesterov = nesterov };
        double eta = optimizer.LearningRate, mu = optimizer.Momentum;
        var v = new double[3];
        var expected = HandComputed(steps, (p, g, t) =>
        {
            for (int i = 0; i < p.Length; i++)
            {
                v[i] = mu * v[i] - eta * g[i];                      // v ← μv − ηg
                p[i] += nesterov ? mu * v[i] - eta * g[i] : v[i];  // p ← p + μv − ηg (Nesterov) or p + v
            }
        });
        AssertSteps(optimizer, steps, expected);
    }

    [Fact]
    public void FirstNesterovStepIsOnePlusMomentumTimesThePlainStep()
    {
        // v₁ = −ηg, so p₁ = p₀ + μ(−ηg) − ηg = p₀ − (1 + μ)ηg: 0.5 − 1.75·0.1·0.375 = 0.434375.
        var optimizer = new SgdOptimizer { LearningRate = 0.1f, Momentum = 0.75f, Nesterov = true };
        var parameter = NewParameter(Start);
        Run(optimizer, 1, parameter);
        Assert.Equal(0.434375, parameter.Value[0], 1e-6);
    }

    [Fact]
    public void StepUsesTheLearningRateItIsGiven()
    {
        var optimizer = new SgdOptimizer { LearningRate = 0.1f };
        var parameter = NewParameter([1.0]);
        parameter.Gradient[0] = 2f;
        optimizer.Step([parameter], 0.25f);
        Assert.Equal(0.5f, parameter.Value[0]); // 1 − 0.25·2
    }
}

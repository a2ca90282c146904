using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural;

public sealed class AdaGradOptimizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void StepsMatchHandComputation(int steps)
    {
        var optimizer = new AdaGradOptimizer { LearningRate = 0.1f, Epsilon = 1e-3f, InitialAccumulatorValue = 0.05f };
        double eta = optimizer.LearningRate, epsilon = optimizer.Epsilon;
        double[] accumulator = [.. Enumerable.Repeat((double)optimizer.InitialAccumulatorValue, 3)];
        var expected = HandComputed(steps, (p, g, t) =>
        {
            for (int i = 0; i < p.Length; i++)
            {
                accumulator[i] += g[i] * g[i];                                 // G ← G + g²
                p[i] -= eta * g[i] / (Math.Sqrt(accumulator[i]) + epsilon);    // p ← p − ηg/(√G + ε)
            }
        });
        AssertSteps(optimizer, steps, expected);
    }

    [Fact]
    public void FirstStepWithDefaultsStartsFromTheInitialAccumulator()
    {
        // G = 0.1 + 0.375² = 0.240625; p = 0.5 − 0.01·0.375/(√0.240625 + 1e-7)
        var parameter = NewParameter(Start);
        Run(new AdaGradOptimizer(), 1, parameter);
        Assert.Equal(0.5 - 0.01 * 0.375 / (Math.Sqrt(0.240625) + 1e-7), parameter.Value[0], 1e-6);
    }
}

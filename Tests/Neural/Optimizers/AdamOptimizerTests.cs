using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural;

public sealed class AdamOptimizerTests
{
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 5)]
    [InlineData(true, 1)]
    [InlineData(true, 5)]
    public void StepsMatchHandComputation(bool amsgrad, int steps)
    {
        // β₂ = 0.5 lets v fall between steps, so AMSGrad's running maximum matters; ε = 1e-3 makes
        // its placement (after bias correction) visible.
        var optimizer = new AdamOptimizer { LearningRate = 0.05f, Beta1 = 0.8f, Beta2 = 0.5f, Epsilon = 1e-3f, Amsgrad = amsgrad };
        var expected = HandComputed(steps, AdamByHand(optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2, optimizer.Epsilon, amsgrad, weightDecay: 0));
        AssertSteps(optimizer, steps, expected);
    }

    [Fact]
    public void AmsgradDiffersFromAdamOnceTheSecondMomentFalls()
    {
        var plain = NewParameter(Start);
        var amsgrad = NewParameter(Start);
        Run(new AdamOptimizer { Beta2 = 0.5f }, 2, plain);
        Run(new AdamOptimizer { Beta2 = 0.5f, Amsgrad = true }, 2, amsgrad);
        Assert.NotEqual(plain.Value[0], amsgrad.Value[0]);
    }

    [Fact]
    public void FirstStepWithDefaultsMovesEachValueByAboutTheLearningRate()
    {
        // m̂ = g and v̂ = g² at t = 1, so p ← p − η·g/(|g| + ε).
        var parameter = NewParameter(Start);
        Run(new AdamOptimizer(), 1, parameter);
        for (int i = 0; i < 3; i++)
        {
            double g = Gradient(1)[i];
            Assert.Equal(Start[i] - 0.001 * g / (Math.Abs(g) + 1e-7), parameter.Value[i], 1e-6);
        }
    }

    /// <summary>
    /// Adam by hand in double, with optional AMSGrad and decoupled decay applied first:
    /// p ← p(1 − ηλ); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; v_max ← max(v_max, v);
    /// m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ) (v_max with AMSGrad); p ← p − η·m̂/(√v̂ + ε).
    /// </summary>
    internal static Action<double[], double[], int> AdamByHand(double eta, double beta1, double beta2, double epsilon, bool amsgrad, double weightDecay)
    {
        double[] m = new double[3], v = new double[3], vMax = new double[3];
        return (p, g, t) =>
        {
            for (int i = 0; i < p.Length; i++)
            {
                p[i] *= 1 - eta * weightDecay;
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                vMax[i] = Math.Max(vMax[i], v[i]);
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.Pow(beta2, t));
                p[i] -= eta * mHat / (Math.Sqrt(vHat) + epsilon);
            }
        };
    }
}

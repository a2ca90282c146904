using MLExt.Neural;

namespace MLExt.Tests.Neural;

/// <summary>
/// Shared scaffolding for the optimiser tests: a tiny three-value parameter, a fixed table of
/// gradients that changes every step, a way to run an optimiser over it, and a double-precision
/// loop for the hand computation the tests compare against.
/// </summary>
internal static class OptimizerTestKit
{
    /// <summary>The starting value of the test parameter (exact in float).</summary>
    public static readonly double[] Start = [0.5, -1.25, 2.0];

    // Gradients of steps 1..5; dyadic fractions, so float holds them exactly, with changing signs and sizes.
    private static readonly double[][] Gradients =
    [
        [0.375, -0.75, 0.0625],
        [0.25, -0.625, -0.1875],
        [-0.125, -0.875, 0.15625],
        [0.25, 0.5, 0.125],
        [0.1875, -0.3125, -0.046875],
    ];

    /// <summary>The largest number of steps the gradient table supports.</summary>
    public static int MaxSteps => Gradients.Length;

    /// <summary>The gradient of step <paramref name="t"/> (1-based).</summary>
    public static double[] Gradient(int t) => Gradients[t - 1];

    /// <summary>A parameter holding <paramref name="values"/> as a 1-D tensor.</summary>
    public static Parameter NewParameter(double[] values, bool isWeight = true, string name = "kernel")
    {
        var parameter = new Parameter(name, [values.Length], isWeight);
        for (int i = 0; i < values.Length; i++) parameter.Value[i] = (float)values[i];
        return parameter;
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps of <paramref name="optimizer"/>, giving every parameter the
    /// table's gradient of each step.
    /// </summary>
    public static void Run(Optimizer optimizer, int steps, params Parameter[] parameters)
    {
        for (int t = 1; t <= steps; t++)
        {
            foreach (var parameter in parameters)
                for (int i = 0; i < parameter.Gradient.Length; i++) parameter.Gradient[i] = (float)Gradient(t)[i];
            optimizer.Step(parameters);
        }
    }

    /// <summary>
    /// The hand computation: starts from <see cref="Start"/> and calls <paramref name="update"/>
    /// (p, g, t) for t = 1..<paramref name="steps"/> with that step's gradient; returns the final p.
    /// </summary>
    public static double[] HandComputed(int steps, Action<double[], double[], int> update)
    {
        double[] p = [.. Start];
        for (int t = 1; t <= steps; t++) update(p, Gradient(t), t);
        return p;
    }

    /// <summary>Runs a fresh parameter at <see cref="Start"/> for <paramref name="steps"/> steps and compares it with <paramref name="expected"/>.</summary>
    public static void AssertSteps(Optimizer optimizer, int steps, double[] expected)
    {
        var parameter = NewParameter(Start);
        Run(optimizer, steps, parameter);
        Assert.Equal(steps, optimizer.StepCount);
        AssertClose(expected, parameter);
    }

    /// <summary>Asserts that each value is within 1e-6·max(1, |expected|) of the expected one.</summary>
    public static void AssertClose(double[] expected, Parameter actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Value.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual.Value[i] - expected[i]);
            Assert.True(error <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"value {i}: expected {expected[i]:R}, got {actual.Value[i]:R} (error {error:E2})");
        }
    }
}

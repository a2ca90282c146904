namespace MLExt.Neural;

/// <summary>Integrated gradients of one sample: the attributions and how far their sum is from f(x) − f(baseline).</summary>
public sealed class IntegratedGradientsResult
{
    internal IntegratedGradientsResult(float[] attributions, double output, double baselineOutput, double delta)
    {
        Attributions = attributions;
        Output = output;
        BaselineOutput = baselineOutput;
        ConvergenceDelta = delta;
    }

    /// <summary>One attribution per input value, in the input's row-major order.</summary>
    public float[] Attributions { get; }

    /// <summary>f(x): the explained output at the input.</summary>
    public double Output { get; }

    /// <summary>f(baseline).</summary>
    public double BaselineOutput { get; }

    /// <summary>Σ attributions − (f(x) − f(baseline)) (Captum's convergence delta); near 0 when the integral is well
    /// approximated, more steps shrink it.</summary>
    public double ConvergenceDelta { get; }
}

namespace MLExt.Neural;

/// <summary>
/// The Adam family (<see cref="AdamOptimizer"/>, <see cref="AdamWOptimizer"/>): bias-corrected
/// first and second moment estimates, as in Kingma &amp; Ba (2015), Algorithm 1. m and v start at zero
/// and t = <see cref="Optimizer.StepCount"/>; each step
/// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ); p ← p − η·m̂/(√v̂ + ε).
/// With <see cref="Amsgrad"/> (Reddi et al., 2018, in PyTorch's form) v̂ is computed from
/// v_max ← max(v_max, v) instead of v. Defaults are Keras': η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-7.
/// Keras adds ε to √v before the bias correction ("ε-hat"); here, as in the paper and PyTorch, it is
/// added to √v̂. The difference is of the order of ε.
/// </summary>
public abstract class AdaptiveMomentOptimizer : Optimizer
{
    /// <summary>Sets the learning rate to 0.001; only this assembly derives from the class.</summary>
    private protected AdaptiveMomentOptimizer() => LearningRate = 1e-3f;

    /// <summary>Decay β₁ in [0, 1) of the first-moment estimate (default 0.9).</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay β₂ in [0, 1) of the second-moment estimate (default 0.999).</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Small constant ε &gt; 0 added to √v̂ (default 1e-7, as Keras).</summary>
    public float Epsilon { get; set; } = 1e-7f;

    /// <summary>Whether to use the AMSGrad variant, which never lets the second moment decrease (default false).</summary>
    public bool Amsgrad { get; set; }

    /// <summary>Takes the Adam step on one parameter; state slots are m (0), v (1) and v_max (2, AMSGrad only).</summary>
    protected override void Update(Parameter parameter, int index, float learningRate)
    {
        var p = parameter.Value.Span;
        var g = parameter.Gradient.Span;
        var firstMoment = State(index, 0, p.Length).AsSpan();
        var secondMoment = State(index, 1, p.Length).AsSpan();
        var maxSecondMoment = Amsgrad ? State(index, 2, p.Length).AsSpan() : default;
        float beta1 = Beta1, beta2 = Beta2, epsilon = Epsilon;
        // η/(1 − β₁ᵗ) and 1/√(1 − β₂ᵗ), once per step in double.
        float stepSize = (float)(learningRate / (1.0 - Math.Pow(beta1, StepCount)));
        float inverseRootCorrection = (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(beta2, StepCount)));
        for (int i = 0; i < p.Length; i++)
        {
            // m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g² (v ← max(v_max, v) with AMSGrad); p ← p − η·m̂/(√v̂ + ε)
            float gi = g[i];
            float m = beta1 * firstMoment[i] + (1f - beta1) * gi;
            float v = beta2 * secondMoment[i] + (1f - beta2) * gi * gi;
            firstMoment[i] = m;
            secondMoment[i] = v;
            if (Amsgrad)
            {
                v = MathF.Max(maxSecondMoment[i], v);
                maxSecondMoment[i] = v;
            }
            p[i] -= stepSize * m / (MathF.Sqrt(v) * inverseRootCorrection + epsilon);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="Beta1"/> or <see cref="Beta2"/> is outside [0, 1), or <see cref="Epsilon"/> is not positive.
    /// </exception>
    public override void Validate()
    {
        base.Validate();
        string owner = GetType().Name;
        SettingChecks.Fraction(Beta1, nameof(Beta1), owner);
        SettingChecks.Fraction(Beta2, nameof(Beta2), owner);
        SettingChecks.Positive(Epsilon, nameof(Epsilon), owner);
    }
}

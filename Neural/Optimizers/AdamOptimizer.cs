namespace MLExt.Neural;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) with bias correction, Keras' defaults (η = 0.001, β₁ = 0.9,
/// β₂ = 0.999, ε = 1e-7) and the update of the paper's Algorithm 1 (as PyTorch):
/// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ);
/// p ← p − η·m̂/(√v̂ + ε), with m and v starting at zero and t = <see cref="Optimizer.StepCount"/>.
/// (Keras adds ε to √v before bias correction, "ε-hat"; the difference is of the order of ε.)
/// With <see cref="Amsgrad"/>, v̂ is computed from v_max ← max(v_max, v) (Reddi et al., 2018, in
/// PyTorch's bias-corrected form).
/// </summary>
public sealed class AdamOptimizer : Optimizer
{
    /// <summary>Creates an Adam optimiser with learning rate 0.001.</summary>
    public AdamOptimizer() => LearningRate = 1e-3f;

    /// <summary>Decay β₁ in [0, 1) of the first-moment estimate (default 0.9).</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay β₂ in [0, 1) of the second-moment estimate (default 0.999).</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Small constant ε &gt; 0 added to √v̂ (default 1e-7, as Keras).</summary>
    public float Epsilon { get; set; } = 1e-7f;

    /// <summary>Whether to use the AMSGrad variant, which never lets the second moment decrease (default false).</summary>
    public bool Amsgrad { get; set; }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, int index, float learningRate)
    {
        var p = parameter.Value.Span;
        AdamStep.Apply(p, parameter.Gradient.Span, State(index, 0, p.Length), State(index, 1, p.Length),
            Amsgrad ? State(index, 2, p.Length) : default,
            learningRate, Beta1, Beta2, Epsilon, Amsgrad, StepCount);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="Beta1"/> or <see cref="Beta2"/> is outside [0, 1), or <see cref="Epsilon"/> is not positive.
    /// </exception>
    public override void Validate()
    {
        base.Validate();
        AdamStep.Validate(Beta1, Beta2, Epsilon, nameof(AdamOptimizer));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{nameof(AdamOptimizer)}(LearningRate={LearningRate}, Beta1={Beta1}, Beta2={Beta2}, Epsilon={Epsilon}, Amsgrad={Amsgrad})";
}

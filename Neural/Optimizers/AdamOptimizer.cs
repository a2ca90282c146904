namespace MLExt.Neural;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) with bias correction and Keras' defaults (η = 0.001, β₁ = 0.9,
/// β₂ = 0.999, ε = 1e-7), updating as the paper's Algorithm 1 and PyTorch:
/// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ);
/// p ← p − η·m̂/(√v̂ + ε), with m and v starting at zero and t = <see cref="Optimizer.StepCount"/>.
/// (Keras adds ε to √v before bias correction, "ε-hat"; the difference is of the order of ε.)
/// With <see cref="AdaptiveMomentOptimizer.Amsgrad"/>, v̂ is computed from v_max ← max(v_max, v).
/// </summary>
public sealed class AdamOptimizer : AdaptiveMomentOptimizer
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{nameof(AdamOptimizer)}(LearningRate={LearningRate}, Beta1={Beta1}, Beta2={Beta2}, Epsilon={Epsilon}, Amsgrad={Amsgrad})";
}

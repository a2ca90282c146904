namespace MLExt.Neural;

/// <summary>
/// AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019), in PyTorch's order.
/// Each step first decays the weights, p ← p·(1 − η·λ), but only parameters with
/// <see cref="Parameter.IsWeight"/> (biases and normalisation offsets are left alone); then every
/// parameter takes the Adam step of <see cref="AdamOptimizer"/>:
/// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; p ← p − η·m̂/(√v̂ + ε), with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
/// The decay uses the step's learning rate η (so it follows a schedule) and does not enter the
/// gradient or the moments, unlike an L2 penalty.
/// </summary>
public sealed class AdamWOptimizer : AdaptiveMomentOptimizer
{
    /// <summary>Decoupled weight decay λ ≥ 0 (default 0.01, as PyTorch and Keras).</summary>
    public float WeightDecay { get; set; } = 0.01f;

    /// <summary>p ← p·(1 − ηλ) in the same pass, before the Adam step, on weights only.</summary>
    private protected override float DecoupledWeightDecay => WeightDecay;

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="WeightDecay"/> is negative or not finite, <see cref="AdaptiveMomentOptimizer.Beta1"/> or
    /// <see cref="AdaptiveMomentOptimizer.Beta2"/> is outside [0, 1), or
    /// <see cref="AdaptiveMomentOptimizer.Epsilon"/> is not positive.
    /// </exception>
    public override void Validate()
    {
        base.Validate();
        SettingChecks.NonNegative(WeightDecay, nameof(WeightDecay), nameof(AdamWOptimizer));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{nameof(AdamWOptimizer)}(LearningRate={LearningRate}, WeightDecay={WeightDecay}, Beta1={Beta1}, Beta2={Beta2}, Epsilon={Epsilon}, Amsgrad={Amsgrad})";
}

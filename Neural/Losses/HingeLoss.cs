namespace MLExt.Neural;

/// <summary>
/// Hinge loss for binary classification with a raw score p: targets t ∈ {0, 1} map to y = 2t − 1 = ±1,
/// ℓ = max(0, 1 − y·p); L = (1/N) Σ ℓ. Prediction and target have one shape (any rank, at least one
/// value). Shape mismatch, empty tensors or a target other than 0 or 1 throw <see cref="ArgumentException"/>.
/// </summary>
public sealed class HingeLoss : ElementwiseLoss
{
    // ℓ = max(0, 1 − y·p), y = 2t − 1
    /// <inheritdoc/>
    protected override double Term(double prediction, double target) => Math.Max(0.0, 1.0 - (2.0 * target - 1.0) * prediction);

    // ∂ℓ/∂p = −y where y·p < 1, 0 otherwise
    /// <inheritdoc/>
    protected override double Derivative(double prediction, double target)
    {
        double y = 2.0 * target - 1.0;
        return y * prediction < 1.0 ? -y : 0.0;
    }

    /// <inheritdoc/>
    protected override bool IsValidTarget(float target) => target == 0f || target == 1f;

    /// <inheritdoc/>
    protected override string TargetRange => "of 0 or 1";
}

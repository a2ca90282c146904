namespace MLExt.Neural;

/// <summary>
/// Mean absolute error over all elements: L = (1/N) Σ |p − t|. Prediction and target have one
/// shape (any rank, at least one value); targets must be finite. Shape mismatch, empty tensors or
/// a non-finite target throw <see cref="ArgumentException"/>.
/// </summary>
public sealed class MeanAbsoluteError : ElementwiseLoss
{
    // ℓ = |p − t|
    /// <inheritdoc/>
    protected override double Term(double prediction, double target) => Math.Abs(prediction - target);

    // ∂ℓ/∂p = sign(p − t), 0 where p = t
    /// <inheritdoc/>
    protected override double Derivative(double prediction, double target) => Math.Sign(prediction - target);
}

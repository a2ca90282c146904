namespace MLExt.Neural;

/// <summary>
/// Mean squared error over all elements: L = (1/N) Σ (p − t)². Prediction and target have one
/// shape (any rank, at least one value); targets must be finite. Shape mismatch, empty tensors or
/// a non-finite target throw <see cref="ArgumentException"/>.
/// </summary>
public sealed class MeanSquaredError : ElementwiseLoss
{
    // ℓ = (p − t)²
    /// <inheritdoc/>
    protected override double Term(double prediction, double target)
    {
        double d = prediction - target;
        return d * d;
    }

    // ∂ℓ/∂p = 2(p − t)
    /// <inheritdoc/>
    protected override double Derivative(double prediction, double target) => 2.0 * (prediction - target);
}

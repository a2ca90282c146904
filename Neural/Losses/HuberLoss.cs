using System.Globalization;

namespace MLExt.Neural;

/// <summary>
/// Huber loss over all elements, quadratic near the target and linear beyond δ: with d = p − t,
/// ℓ = ½d² for |d| ≤ δ and δ(|d| − ½δ) otherwise; L = (1/N) Σ ℓ. Prediction and target have one
/// shape (any rank, at least one value); targets must be finite. Shape mismatch, empty tensors or
/// a non-finite target throw <see cref="ArgumentException"/>.
/// </summary>
public sealed class HuberLoss : ElementwiseLoss
{
    /// <summary>Creates a Huber loss with threshold <paramref name="delta"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive (or is NaN).</exception>
    public HuberLoss(float delta = 1f)
    {
        if (!(delta > 0f))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "HuberLoss delta must be positive.");
        Delta = delta;
    }

    /// <summary>The threshold δ where the loss turns from quadratic to linear.</summary>
    public float Delta { get; }

    // ℓ = ½d² for |d| ≤ δ, δ(|d| − ½δ) otherwise
    /// <inheritdoc/>
    protected override double Term(double prediction, double target)
    {
        double d = Math.Abs(prediction - target);
        return d <= Delta ? 0.5 * d * d : Delta * (d - 0.5 * Delta);
    }

    // ∂ℓ/∂p = clamp(d, −δ, δ)
    /// <inheritdoc/>
    protected override double Derivative(double prediction, double target) => Math.Clamp(prediction - target, -Delta, Delta);

    /// <inheritdoc/>
    public override string ToString() => $"HuberLoss({Delta.ToString("R", CultureInfo.InvariantCulture)})";
}

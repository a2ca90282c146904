namespace MLExt.Neural;

/// <summary>
/// Binary cross-entropy on logits, fused with the sigmoid so that it stays finite for any logit:
/// for logit z and target t ∈ [0, 1], ℓ = −t·log σ(z) − (1 − t)·log(1 − σ(z))
/// = max(z, 0) − z·t + log(1 + e^−|z|); L = (1/N) Σ ℓ. Prediction (logits) and target have one
/// shape (any rank, at least one value). Shape mismatch, empty tensors or a target outside [0, 1]
/// throw <see cref="ArgumentException"/>.
/// </summary>
public sealed class BinaryCrossEntropyWithLogits : ElementwiseLoss
{
    // ℓ = max(z, 0) − z·t + log(1 + e^−|z|)
    /// <inheritdoc/>
    protected override double Term(double prediction, double target) => TermOf(prediction, target);

    internal static double TermOf(double prediction, double target) =>
        Math.Max(prediction, 0.0) - prediction * target + Math.Log(1.0 + Math.Exp(-Math.Abs(prediction)));

    // ∂ℓ/∂z = σ(z) − t, with σ evaluated on the side where the exponential cannot overflow
    /// <inheritdoc/>
    protected override double Derivative(double prediction, double target) => DerivativeOf(prediction, target);

    internal static double DerivativeOf(double prediction, double target)
    {
        double e = Math.Exp(-Math.Abs(prediction));
        double sigmoid = prediction >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        return sigmoid - target;
    }

    /// <inheritdoc/>
    protected override bool IsValidTarget(float target) => target >= 0f && target <= 1f;

    /// <inheritdoc/>
    protected override string TargetRange => "in [0, 1]";
}

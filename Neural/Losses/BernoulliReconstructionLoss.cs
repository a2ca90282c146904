namespace MLExt.Neural;

/// <summary>
/// The reconstruction term of a variational autoencoder with Bernoulli pixels, −log p(x | z): the sigmoid
/// cross-entropy of the decoder's logits z against pixels t ∈ [0, 1] (grey values as in PyTorch's VAE example),
/// ℓ = max(z, 0) − z·t + log(1 + e^−|z|), summed over each image's pixels and averaged over the n images:
/// L = (1/n) Σ ℓ in nats per image. Prediction (logits) and target have one shape [n, ...]; a target outside
/// [0, 1] throws <see cref="ArgumentException"/> naming this loss, the position and the value.
/// </summary>
public sealed class BernoulliReconstructionLoss : ElementwiseLoss
{
    // ℓ = max(z, 0) − z·t + log(1 + e^−|z|)
    /// <inheritdoc/>
    protected override double Term(double prediction, double target) => BinaryCrossEntropyWithLogits.TermOf(prediction, target);

    // ∂ℓ/∂z = σ(z) − t
    /// <inheritdoc/>
    protected override double Derivative(double prediction, double target) => BinaryCrossEntropyWithLogits.DerivativeOf(prediction, target);

    /// <inheritdoc/>
    protected override int Count(Tensor prediction) => prediction.Rows;

    /// <inheritdoc/>
    protected override bool IsValidTarget(float target) => target >= 0f && target <= 1f;

    /// <inheritdoc/>
    protected override string TargetRange => "(pixel values) in [0, 1]";
}

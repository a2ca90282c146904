namespace MLExt.Neural;

/// <summary>
/// The reconstruction term of a variational autoencoder with Gaussian pixels of a fixed standard deviation σ,
/// −log N(t; p, σ²) = (t − p)²/(2σ²) + ½·log(2πσ²) per value, summed over each sample's values and averaged over the
/// n samples: L = (1/n) Σ ℓ in nats per sample. Prediction and target have one shape [n, ...]; targets must be finite.
/// </summary>
public sealed class GaussianReconstructionLoss : ElementwiseLoss
{
    private readonly double _inverseVariance, _logNormaliser;

    /// <summary>Creates the loss for pixels of standard deviation <paramref name="standardDeviation"/> (σ, default 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is not a finite positive number.</exception>
    public GaussianReconstructionLoss(float standardDeviation = 1f)
    {
        if (!(standardDeviation > 0) || !float.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation,
                "GaussianReconstructionLoss: the standard deviation must be a finite number > 0.");
        StandardDeviation = standardDeviation;
        _inverseVariance = 1.0 / ((double)standardDeviation * standardDeviation);
        _logNormaliser = 0.5 * Math.Log(2 * Math.PI / _inverseVariance);
    }

    /// <summary>σ, the pixels' standard deviation.</summary>
    public float StandardDeviation { get; }

    // ℓ = (t − p)²/(2σ²) + ½·log(2πσ²)
    /// <inheritdoc/>
    protected override double Term(double prediction, double target)
    {
        double d = prediction - target;
        return 0.5 * d * d * _inverseVariance + _logNormaliser;
    }

    // ∂ℓ/∂p = (p − t)/σ²
    /// <inheritdoc/>
    protected override double Derivative(double prediction, double target) => (prediction - target) * _inverseVariance;

    /// <inheritdoc/>
    protected override int Count(Tensor prediction) => prediction.Rows;
}

using System.Globalization;

namespace MLExt.Neural;

/// <summary>
/// A loss that is the mean over all elements of a term ℓ(p, t): L = (1/N) Σᵢ ℓ(pᵢ, tᵢ), so
/// dL/dpᵢ = ℓ'(pᵢ, tᵢ) / N (N the samples instead for losses summed over each sample, see <see cref="Count"/>). Prediction and target have one shape, any rank, at least one value.
/// <see cref="Forward"/> also computes the gradient, so <see cref="Backward"/> is valid for exactly
/// the values passed to the last <see cref="Forward"/> even if the caller reuses those buffers.
/// </summary>
public abstract class ElementwiseLoss : Loss
{
    private Tensor? _gradient;
    private bool _ready;

    /// <summary>The mean of ℓ over all elements, accumulated in double.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The shapes differ (the message names both), the tensors are empty, or a target value is out of the
    /// loss's range (the message names the loss, the index and the value).
    /// </exception>
    public sealed override float Forward(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        CheckSameShape(prediction, target, Name);
        if (prediction.Length == 0)
            throw new ArgumentException($"{Name} needs at least one value, got shape {prediction.ShapeText}.", nameof(prediction));
        _ready = false;
        var p = prediction.Span;
        var t = target.Span;
        for (int i = 0; i < t.Length; i++)
            if (!IsValidTarget(t[i]))
                throw new ArgumentException(
                    $"{Name} needs targets {TargetRange}, but target[{i}] is {t[i].ToString("R", CultureInfo.InvariantCulture)}.", nameof(target));

        var g = Tensor.Ensure(ref _gradient, prediction.Shape).Span;
        double sum = 0, inverseCount = 1.0 / Count(prediction);
        for (int i = 0; i < p.Length; i++)
        {
            sum += Term(p[i], t[i]);
            g[i] = (float)(Derivative(p[i], t[i]) * inverseCount);
        }
        _ready = true;
        return (float)(sum * inverseCount);
    }

    /// <summary>dL/dprediction = ℓ'(p, t) / N for the last <see cref="Forward"/>, in a reused buffer.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not completed.</exception>
    public sealed override Tensor Backward() =>
        _ready ? _gradient! : throw new InvalidOperationException($"{Name}.Backward called before a successful Forward.");

    /// <summary>What the sum of the terms is divided by: every element (the mean, by default) or, for losses summed
    /// over each sample's values, the samples.</summary>
    protected virtual int Count(Tensor prediction) => prediction.Length;

    /// <summary>The term ℓ(p, t) for one element.</summary>
    protected abstract double Term(double prediction, double target);

    /// <summary>The derivative ∂ℓ/∂p for one element.</summary>
    protected abstract double Derivative(double prediction, double target);

    /// <summary>Whether a target value is in the loss's range (any finite value by default).</summary>
    protected virtual bool IsValidTarget(float target) => float.IsFinite(target);

    /// <summary>The valid target range for messages, such as <c>in [0, 1]</c>.</summary>
    protected virtual string TargetRange => "that are finite";
}

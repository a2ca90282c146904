using System.Globalization;
using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// Per-position softmax cross-entropy over a vocabulary with ignored positions, for masked-language-model
/// pretraining: logits z <c>[n, time, vocabulary]</c> (any shape whose last axis is the vocabulary) and targets y
/// <c>[n, time]</c> (one value per logit row) holding the id to predict, or <see cref="IgnoreIndex"/> where nothing is
/// predicted. L = (1/M) Σ_{(b,t): y ≠ ignore} −log softmax(z_{b,t})[y_{b,t}], with M the number of predicted positions
/// (L = 0 and a zero gradient when M = 0). Bad shapes and ids outside [0, vocabulary) throw <see cref="ArgumentException"/>.
/// </summary>
public sealed class MaskedSoftmaxCrossEntropy : Loss
{
    /// <summary>The target value of a position that is not predicted.</summary>
    public const float IgnoreIndex = -1f;

    private Tensor? _gradient;
    private bool _ready;

    /// <summary>The mean cross-entropy over the predicted positions.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The logits have fewer than two axes or are empty, the target does not hold one value per logit row (the message
    /// names both shapes), or a target is neither <see cref="IgnoreIndex"/> nor a whole id in [0, vocabulary).
    /// </exception>
    public override float Forward(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Rank < 2 || prediction.Length == 0)
            throw new ArgumentException($"{Name} needs logits [n, time, vocabulary] (at least two axes, not empty), got {prediction.ShapeText}.", nameof(prediction));
        int vocabulary = prediction.Shape[^1], rows = prediction.Length / vocabulary;
        if (target.Length != rows)
            throw new ArgumentException($"{Name} needs one target id per logit row: logits {prediction.ShapeText} have {rows} rows but the target {target.ShapeText} holds {target.Length} values.", nameof(target));
        _ready = false;
        var ids = target.Span;
        int predicted = 0;
        for (int r = 0; r < rows; r++)
        {
            float id = ids[r];
            if (id == IgnoreIndex) continue;
            if (!(id >= 0 && id < vocabulary && id == MathF.Floor(id)))
                throw new ArgumentException($"{Name} needs target ids in [0, {vocabulary}) or {IgnoreIndex} (ignored), but target value {r} is {id.ToString("R", CultureInfo.InvariantCulture)}.", nameof(target));
            predicted++;
        }

        var g = Tensor.Ensure(ref _gradient, prediction.Shape);
        g.Span.Clear();
        double total = 0;
        var z = prediction.Span;
        for (int r = 0; r < rows; r++)
        {
            if (ids[r] == IgnoreIndex) continue;
            var logits = z.Slice(r * vocabulary, vocabulary);
            var probabilities = g.Span.Slice(r * vocabulary, vocabulary);
            int y = (int)ids[r];
            // −log softmax(z)_y = lse − z_y, lse = m + log Σ e^(z − m)
            float max = TensorPrimitives.Max(logits);
            TensorPrimitives.Subtract(logits, max, probabilities);
            TensorPrimitives.Exp(probabilities, probabilities);
            double sumExp = TensorPrimitives.Sum(probabilities);
            total += max + Math.Log(sumExp) - logits[y];
            // ∂/∂z = (softmax(z) − e_y) / M
            TensorPrimitives.Multiply(probabilities, (float)(1.0 / (sumExp * predicted)), probabilities);
            probabilities[y] -= 1f / predicted;
        }
        _ready = true;
        return predicted == 0 ? 0f : (float)(total / predicted);
    }

    /// <summary>dL/dz for the last <see cref="Forward"/> (zero rows at ignored positions), in a reused buffer.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not completed.</exception>
    public override Tensor Backward() =>
        _ready ? _gradient! : throw new InvalidOperationException($"{Name}.Backward called before a successful Forward.");
}

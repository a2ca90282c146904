using System.Globalization;
using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// Softmax cross-entropy on logits, fused and numerically stable: for logits z <c>[n, k]</c> and target
/// rows t <c>[n, k]</c> (one-hot or class probabilities), L = (1/n) Σ_rows −Σ_j t_j·log softmax(z)_j, with
/// log softmax(z)_j = z_j − m − log Σ_i e^(z_i − m), m = max_i z_i. Target values must lie in [0, 1] and each
/// row must sum to 1 (within 1e-3). Wrong ranks, shape mismatch, empty tensors and bad targets throw
/// <see cref="ArgumentException"/>.
/// </summary>
public sealed class SoftmaxCrossEntropy : Loss
{
    private const double RowSumTolerance = 1e-3;
    private Tensor? _gradient;
    private bool _ready;

    /// <summary>The mean over rows of the cross-entropy between t and softmax(z).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The prediction is not <c>[n, k]</c> with n, k ≥ 1, the shapes differ (the message names both), or a
    /// target value is outside [0, 1] or a target row does not sum to 1 (the message names the loss and value).
    /// </exception>
    public override float Forward(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Rank != 2 || prediction.Length == 0)
            throw new ArgumentException($"{Name} needs logits [n, k] with n, k ≥ 1, got {prediction.ShapeText}.", nameof(prediction));
        CheckSameShape(prediction, target, Name);
        _ready = false;
        int n = prediction.Rows;
        for (int r = 0; r < n; r++) CheckTargetRow(target.Row(r), r);

        var g = Tensor.Ensure(ref _gradient, prediction.Shape);
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            var z = prediction.Row(r);
            var t = target.Row(r);
            var probabilities = g.Row(r);
            // lse = m + log Σ e^(z − m)
            float max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, probabilities);
            TensorPrimitives.Exp(probabilities, probabilities);
            double sumExp = TensorPrimitives.Sum(probabilities);
            double logSumExp = max + Math.Log(sumExp);
            // −Σ t·log softmax(z) = Σ t·(lse − z)
            double targetSum = 0;
            for (int j = 0; j < z.Length; j++)
            {
                targetSum += t[j];
                total += t[j] * (logSumExp - z[j]);
            }
            // ∂/∂z = (softmax(z)·Σt − t) / n, which is (softmax(z) − t) / n for rows summing to 1
            TensorPrimitives.Multiply(probabilities, (float)(targetSum / sumExp), probabilities);
            TensorPrimitives.Subtract(probabilities, t, probabilities);
        }
        TensorPrimitives.Multiply(g.Span, 1f / n, g.Span);
        _ready = true;
        return (float)(total / n);
    }

    /// <summary>dL/dz = (softmax(z) − t)/n for the last <see cref="Forward"/>, in a reused buffer.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not completed.</exception>
    public override Tensor Backward() =>
        _ready ? _gradient! : throw new InvalidOperationException($"{Name}.Backward called before a successful Forward.");

    private void CheckTargetRow(ReadOnlySpan<float> t, int row)
    {
        for (int j = 0; j < t.Length; j++)
            if (!(t[j] >= 0f && t[j] <= 1f))
                throw new ArgumentException(
                    $"{Name} needs target probabilities in [0, 1], but target[{row}, {j}] is {t[j].ToString("R", CultureInfo.InvariantCulture)}.", "target");
        double sum = Sum(t);
        if (Math.Abs(sum - 1.0) > RowSumTolerance)
            throw new ArgumentException(
                $"{Name} needs each target row to sum to 1 (one-hot or probabilities), but row {row} sums to {sum.ToString("R", CultureInfo.InvariantCulture)}.", "target");
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values) sum += v;
        return sum;
    }
}

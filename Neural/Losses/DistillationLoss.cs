using System.Globalization;
using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// Knowledge distillation (Hinton, Vinyals &amp; Dean, 2015) on student logits s <c>[n, k]</c>. The target row holds
/// the label and the teacher: <c>[n, 2k]</c> = [y (one-hot or probabilities) | teacher logits t]. Per row
/// L = α·CE(y, softmax(s)) + (1 − α)·T²·KL(softmax(t/T) ‖ softmax(s/T)), averaged over rows. The T² keeps the soft
/// term's gradient on the scale of the hard one as T changes. Teacher logits may be log-probabilities: softmax is
/// unchanged by a constant per row, so softmax(log p / T) is the teacher's tempered distribution exactly.
/// </summary>
public sealed class DistillationLoss : Loss
{
    private Tensor? _gradient;
    private double[] _student = [], _teacher = [];
    private bool _ready;

    /// <summary>Creates the loss.</summary>
    /// <param name="temperature">T ≥ 1 would be usual; any positive finite value is accepted.</param>
    /// <param name="alpha">α in [0, 1], the weight of the hard (label) term.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public DistillationLoss(float temperature, float alpha)
    {
        SettingCheck.Positive(temperature, "Temperature");
        SettingCheck.Require(alpha >= 0f && alpha <= 1f, "Alpha", alpha, "a number in [0, 1]");
        Temperature = temperature;
        Alpha = alpha;
    }

    /// <summary>The temperature T.</summary>
    public float Temperature { get; }

    /// <summary>The weight α of the hard term.</summary>
    public float Alpha { get; }

    /// <summary>The mean over rows of α·CE + (1 − α)·T²·KL.</summary>
    /// <exception cref="ArgumentException">The prediction is not <c>[n, k]</c>, the target not <c>[n, 2k]</c>, or a
    /// label row is not a distribution; the message names the loss.</exception>
    public override float Forward(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Rank != 2 || prediction.Length == 0)
            throw new ArgumentException($"{Name} needs logits [n, k] with n, k ≥ 1, got {prediction.ShapeText}.", nameof(prediction));
        int n = prediction.Rows, k = prediction.RowLength;
        if (target.Rank != 2 || target.Rows != n || target.RowLength != 2 * k)
            throw new ArgumentException($"{Name} needs targets [n, 2k] = [{n}, {2 * k}] (label, then teacher logits) for " +
                $"logits {prediction.ShapeText}, got {target.ShapeText}.", nameof(target));
        _ready = false;
        if (_student.Length != k) (_student, _teacher) = (new double[k], new double[k]);
        var g = Tensor.Ensure(ref _gradient, prediction.Shape);
        float T = Temperature, hard = Alpha, soft = 1f - Alpha;
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            var s = prediction.Row(r);
            var y = target.Row(r)[..k];
            var t = target.Row(r).Slice(k, k);
            var gradient = g.Row(r);
            double labelSum = CheckLabel(y, r);
            // CE = −Σ y·log softmax(s) ; ∂/∂s = softmax(s)·Σy − y
            LogSoftmax(s, 1f, _student);
            for (int j = 0; j < k; j++)
            {
                total -= hard * y[j] * _student[j];
                gradient[j] = hard * (float)(Math.Exp(_student[j]) * labelSum - y[j]);
            }
            // T²·KL(p ‖ q) = T²·Σ p·(log p − log q), p = softmax(t/T), q = softmax(s/T) ; ∂/∂s = T·(q − p)
            LogSoftmax(s, T, _student);
            LogSoftmax(t, T, _teacher);
            double kl = 0;
            for (int j = 0; j < k; j++)
            {
                double p = Math.Exp(_teacher[j]), q = Math.Exp(_student[j]);
                kl += p * (_teacher[j] - _student[j]);
                gradient[j] += soft * T * (float)(q - p);
            }
            total += soft * T * T * kl;
        }
        TensorPrimitives.Multiply(g.Span, 1f / n, g.Span);
        _ready = true;
        return (float)(total / n);
    }

    /// <summary>dL/ds = (α·(softmax(s)·Σy − y) + (1 − α)·T·(softmax(s/T) − softmax(t/T)))/n for the last
    /// <see cref="Forward"/>, in a reused buffer.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not completed.</exception>
    public override Tensor Backward() =>
        _ready ? _gradient! : throw new InvalidOperationException($"{Name}.Backward called before a successful Forward.");

    // log softmax(z/T) into destination, stably and in double (the soft term is scaled by T²): z/T − m − log Σ e^(z/T − m).
    private static void LogSoftmax(ReadOnlySpan<float> z, float temperature, Span<double> destination)
    {
        double max = double.NegativeInfinity;
        for (int j = 0; j < z.Length; j++) max = Math.Max(max, destination[j] = z[j] / (double)temperature);
        double sum = 0;
        foreach (double v in destination) sum += Math.Exp(v - max);
        double logSumExp = max + Math.Log(sum);
        for (int j = 0; j < destination.Length; j++) destination[j] -= logSumExp;
    }

    private double CheckLabel(ReadOnlySpan<float> y, int row)
    {
        double sum = 0;
        for (int j = 0; j < y.Length; j++)
        {
            if (!(y[j] >= 0f && y[j] <= 1f))
                throw new ArgumentException($"{Name} needs label probabilities in [0, 1], but target[{row}, {j}] is " +
                    $"{y[j].ToString("R", CultureInfo.InvariantCulture)}.", "target");
            sum += y[j];
        }
        if (Math.Abs(sum - 1.0) > 1e-3)
            throw new ArgumentException($"{Name} needs each label row to sum to 1, but row {row} sums to " +
                $"{sum.ToString("R", CultureInfo.InvariantCulture)}.", "target");
        return sum;
    }
}

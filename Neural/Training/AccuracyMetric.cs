namespace MLExt.Neural;

/// <summary>
/// Classification accuracy. With k &gt; 1 outputs (logits or probabilities) the predicted class is the
/// arg-max and the true class the arg-max of the one-hot target; with one output (a logit) the
/// prediction is positive when the logit is above 0 and the target when it is above ½.
/// </summary>
public sealed class AccuracyMetric : ValidationMetric
{
    /// <inheritdoc/>
    public override string Name => "accuracy";

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets)
    {
        int n = predictions.Rows, k = predictions.RowLength;
        if (n == 0) return double.NaN;
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            var p = predictions.Row(i);
            var t = targets.Row(i);
            bool hit = k == 1
                ? (p[0] > 0f) == (t[0] > 0.5f)
                : System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p) == System.Numerics.Tensors.TensorPrimitives.IndexOfMax(t);
            if (hit) correct++;
        }
        return (double)correct / n;
    }
}

namespace MLExt.Neural;

/// <summary>Root of the mean squared difference over all values: √(Σ(p − t)² / count).</summary>
public sealed class RootMeanSquaredErrorMetric : ValidationMetric
{
    /// <inheritdoc/>
    public override string Name => "rmse";

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets)
    {
        var p = predictions.Span;
        var t = targets.Span;
        if (p.Length == 0) return double.NaN;
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double d = p[i] - t[i];
            sum += d * d;
        }
        return Math.Sqrt(sum / p.Length);
    }
}

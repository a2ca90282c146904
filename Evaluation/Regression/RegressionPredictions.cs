namespace MLExt.Evaluation.Regression;

/// <summary>A regression model's predictions as arrays.</summary>
/// <param name="Labels">The true values.</param>
/// <param name="Scores">The predicted values.</param>
public sealed record RegressionPredictions(double[] Labels, double[] Scores)
{
    /// <summary>Rows.</summary>
    public int Count => Labels.Length;

    /// <summary>The residual of row <paramref name="i"/>: label − prediction.</summary>
    public double Residual(int i) => Labels[i] - Scores[i];

    /// <summary>These predictions followed by <paramref name="other"/>'s (for pooling out-of-fold predictions).</summary>
    public RegressionPredictions Concat(RegressionPredictions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new RegressionPredictions([.. Labels, .. other.Labels], [.. Scores, .. other.Scores]);
    }
}

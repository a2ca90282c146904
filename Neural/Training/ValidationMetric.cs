namespace MLExt.Neural;

/// <summary>A quality measure of predictions against targets, tracked per epoch on validation data.</summary>
public abstract class ValidationMetric
{
    /// <summary>Short name, such as <c>accuracy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether larger values are better.</summary>
    public abstract bool HigherIsBetter { get; }

    /// <summary>The metric over all rows of <paramref name="predictions"/> <c>[n, k]</c> and <paramref name="targets"/> <c>[n, k]</c>.</summary>
    public abstract double Compute(Tensor predictions, Tensor targets);

    /// <summary>Whether <paramref name="candidate"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public bool IsImprovement(double candidate, double best, double minDelta) =>
        HigherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;
}

using MLExt.AutoML;

namespace MLExt.Samples.DistributedStudy;

/// <summary>
/// A cheap objective with the shape of a training run: Branin–Hoo (minimum 0.397887) approached over a few "epochs", each a
/// short sleep, with an intermediate value after each so that ASHA and Hyperband can prune.
/// </summary>
internal sealed class BraninRunner(int steps, TimeSpan stepTime) : ITrialRunner
{
    /// <summary>The search space: x1 ∈ [−5, 10], x2 ∈ [0, 15].</summary>
    public static SearchSpace Space => new SearchSpace().Float("x1", -5, 10).Float("x2", 0, 15);

    /// <summary>(x2 − 5.1x1²/(4π²) + 5x1/π − 6)² + 10(1 − 1/(8π))cos x1 + 10.</summary>
    public static double Branin(double x1, double x2)
    {
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        double u = x2 - b * x1 * x1 + c * x1 - 6;
        return u * u + 10 * (1 - t) * Math.Cos(x1) + 10;
    }

    public TrialResult Run(TrialContext context)
    {
        double value = Branin(context.Parameters.GetDouble("x1"), context.Parameters.GetDouble("x2"));
        int budget = context.Budget ?? steps;
        for (int step = 1; step <= budget; step++)
        {
            if (context.CancellationToken.WaitHandle.WaitOne(stepTime))
                context.CancellationToken.ThrowIfCancellationRequested();
            context.ReportEpochCompleted();
            // Converges to the final value from above, as a validation loss does.
            if (context.ReportIntermediate(step, value * (1 + 1.0 / step)))
                context.CancellationToken.ThrowIfCancellationRequested();
        }
        return new TrialResult(value, [], budget);
    }
}

using MLExt.AutoML;

namespace MLExt.Tests.AutoML.Studies;

/// <summary>Branin–Hoo as a trial with <paramref name="steps"/> intermediate values, for the shared-study tests.</summary>
internal sealed class BraninTrialRunner(int steps) : ITrialRunner
{
    public static SearchSpace Space => new SearchSpace().Float("x1", -5, 10).Float("x2", 0, 15).Choice("kind", "a", "b").Int("units", 1, 64, log: true);

    public TrialResult Run(TrialContext context)
    {
        double x1 = context.Parameters.GetDouble("x1"), x2 = context.Parameters.GetDouble("x2");
        double u = x2 - 5.1 / (4 * Math.PI * Math.PI) * x1 * x1 + 5 / Math.PI * x1 - 6;
        double value = u * u + 10 * (1 - 1 / (8 * Math.PI)) * Math.Cos(x1) + 10;
        for (int step = 1; step <= (context.Budget ?? steps); step++)
            if (context.ReportIntermediate(step, value * (1 + 1.0 / step)))
                context.CancellationToken.ThrowIfCancellationRequested();
        return new TrialResult(value, [], steps);
    }
}

using MLExt.AutoML;
using MLExt.Evaluation.Metrics;

namespace MLExt.Tests.AutoML.Experiments;

/// <summary>
/// A cheap trial runner for experiment tests: the "accuracy" is a known function of the parameters (best near x = 0.3, y = 0.5,
/// kind b) plus a little noise from the trial's seed; it "trains" for the budget (or 4 epochs), reporting a rising score per epoch.
/// </summary>
internal sealed class FakeTrialRunner : ITrialRunner
{
    /// <summary>The space the runner understands.</summary>
    public static SearchSpace Space() => new SearchSpace().Float("x", 0, 1).Float("y", 0, 1).Choice("kind", "a", "b", "c");

    /// <summary>Epochs without a budget.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Fails trials with kind c and x above 0.7.</summary>
    public bool FailSome { get; init; }

    /// <summary>Sleeps a few milliseconds per epoch, varying with the trial id, so parallel trials finish out of order.</summary>
    public bool Jitter { get; init; }

    /// <summary>Called after each epoch (trial, epoch).</summary>
    public Action<TrialContext, int>? AfterEpoch { get; init; }

    private int _epochs;

    /// <summary>Epochs run over all trials.</summary>
    public int EpochsRun => Volatile.Read(ref _epochs);

    public static double Score(Parameters p, int seed) =>
        1 - Math.Pow(p.GetDouble("x") - 0.3, 2) - 0.1 * Math.Pow(p.GetDouble("y") - 0.5, 2) + (p.GetString("kind") == "b" ? 0.05 : 0) + 1e-3 * (seed % 1000) / 1000.0;

    public TrialResult Run(TrialContext context)
    {
        if (FailSome && context.Parameters.GetString("kind") == "c" && context.Parameters.GetDouble("x") > 0.7)
            throw new InvalidOperationException($"fake failure for x = {context.Parameters.GetDouble("x"):0.000}");
        double score = Score(context.Parameters, context.Seed);
        int epochs = context.Budget ?? Epochs;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (Jitter)
                Thread.Sleep((context.TrialId * 7 + epoch) % 5 * 2);
            Interlocked.Increment(ref _epochs);
            // The score grows with the epochs towards its final value; lower is better for the tuner.
            if (context.ReportIntermediate(epoch, -score * (0.5 + 0.5 * epoch / epochs)))
                throw new OperationCanceledException();
            AfterEpoch?.Invoke(context, epoch);
        }
        return new TrialResult(score, [new MetricValue(MetricNames.Accuracy, score, true)], epochs);
    }
}

namespace MLExt.Neural;

/// <summary>Per-epoch record of a training run.</summary>
public sealed class TrainingHistory
{
    /// <summary>Creates a history.</summary>
    public TrainingHistory(IReadOnlyList<EpochSummary> epochs, string? metricName, int bestEpoch, bool stoppedEarly)
    {
        Epochs = epochs;
        MetricName = metricName;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
    }

    /// <summary>One entry per completed epoch, in order.</summary>
    public IReadOnlyList<EpochSummary> Epochs { get; }

    /// <summary>Name of the validation metric, such as <c>accuracy</c>, or null without one.</summary>
    public string? MetricName { get; }

    /// <summary>The epoch (from 1) whose weights the model holds: the best one when early stopping restored it, else the last.</summary>
    public int BestEpoch { get; }

    /// <summary>Whether early stopping ended training before the last epoch.</summary>
    public bool StoppedEarly { get; }
}

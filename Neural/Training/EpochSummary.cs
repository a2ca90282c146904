namespace MLExt.Neural;

/// <summary>What one training epoch achieved.</summary>
public sealed class EpochSummary
{
    /// <summary>The epoch number, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>Mean training loss over the epoch's batches (the data loss, without L1/L2 penalties).</summary>
    public required double TrainingLoss { get; init; }

    /// <summary>Loss on the validation data after the epoch, when there is any.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>The validation metric (such as accuracy) after the epoch, when there is validation data.</summary>
    public double? ValidationMetric { get; init; }

    /// <summary>The learning rate at the epoch's last step.</summary>
    public required float LearningRate { get; init; }

    /// <summary>Wall-clock time of the epoch, validation included.</summary>
    public required TimeSpan Elapsed { get; init; }
}

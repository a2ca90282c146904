namespace MLExt.Neural;

/// <summary>A progress report from training, sent during each epoch and once at its end.</summary>
public sealed class TrainingProgress
{
    /// <summary>Current epoch, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>Epochs planned.</summary>
    public required int NumberOfEpochs { get; init; }

    /// <summary>Batches done in this epoch.</summary>
    public required int Batch { get; init; }

    /// <summary>Batches per epoch.</summary>
    public required int BatchesPerEpoch { get; init; }

    /// <summary>Mean training loss over the epoch's batches so far.</summary>
    public required double TrainingLoss { get; init; }

    /// <summary>True for the report sent when the epoch (and its validation) has finished.</summary>
    public bool EpochCompleted { get; init; }

    /// <summary>Validation loss, in the end-of-epoch report when there is validation data.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Validation metric, in the end-of-epoch report when there is validation data.</summary>
    public double? ValidationMetric { get; init; }

    /// <summary>Name of the validation metric, such as <c>accuracy</c>.</summary>
    public string? MetricName { get; init; }
}

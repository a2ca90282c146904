namespace MLExt.AutoML;

/// <summary>A report from a running <see cref="Experiment"/>: a trial started, finished an epoch, or finished.</summary>
public sealed class TrialProgress
{
    /// <summary>What happened.</summary>
    public required TrialProgressKind Kind { get; init; }

    /// <summary>The trial's id (0, 1, …).</summary>
    public required int TrialId { get; init; }

    /// <summary>The trial's parameters.</summary>
    public required Parameters Parameters { get; init; }

    /// <summary>The trial's budget in epochs, or null for the full one.</summary>
    public int? Budget { get; init; }

    /// <summary>For <see cref="TrialProgressKind.Epoch"/>: the epoch just finished, from 1.</summary>
    public int Epoch { get; init; }

    /// <summary>For <see cref="TrialProgressKind.Epoch"/>: the epochs planned.</summary>
    public int NumberOfEpochs { get; init; }

    /// <summary>For <see cref="TrialProgressKind.Epoch"/>: the fold being trained (0 for a hold-out).</summary>
    public int Fold { get; init; }

    /// <summary>For <see cref="TrialProgressKind.Epoch"/>: the intermediate score (lower is better), when this epoch reported one.</summary>
    public double? IntermediateScore { get; init; }

    /// <summary>For <see cref="TrialProgressKind.Finished"/>: the trial's record.</summary>
    public TrialRecord? Record { get; init; }

    /// <summary>Trials finished so far in the study, including this one.</summary>
    public int TrialsFinished { get; init; }

    /// <summary>The most trials the experiment will run.</summary>
    public int MaxTrials { get; init; }
}

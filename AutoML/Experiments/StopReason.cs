namespace MLExt.AutoML;

/// <summary>Why an <see cref="Experiment"/>'s search ended.</summary>
public enum StopReason
{
    /// <summary>The study holds <see cref="ExperimentOptions.MaxTrials"/> trials.</summary>
    MaxTrials,

    /// <summary>The time budget was spent; trials still running were stopped and not recorded.</summary>
    TimeBudget,

    /// <summary>The cancellation token was cancelled; trials still running were stopped and not recorded.</summary>
    Cancelled,

    /// <summary>The tuner had nothing more to propose (a finished grid).</summary>
    SearchSpaceExhausted,
}

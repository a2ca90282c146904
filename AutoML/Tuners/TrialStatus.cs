namespace MLExt.AutoML;

/// <summary>How a trial ended.</summary>
public enum TrialStatus
{
    /// <summary>It ran its whole budget; its loss is final.</summary>
    Completed,

    /// <summary>It was stopped early by <see cref="ITuner.ShouldPrune"/>; its loss is the last intermediate one.</summary>
    Pruned,

    /// <summary>It threw; its loss is NaN.</summary>
    Failed,
}

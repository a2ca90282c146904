namespace MLExt.AutoML;

/// <summary>What a <see cref="TrialProgress"/> report announces.</summary>
public enum TrialProgressKind
{
    /// <summary>A trial was proposed and starts.</summary>
    Started,

    /// <summary>A network trial finished an epoch.</summary>
    Epoch,

    /// <summary>A trial finished: completed, pruned or failed (see <see cref="TrialProgress.Record"/>).</summary>
    Finished,
}

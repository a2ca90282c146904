namespace MLExt.AutoML;

/// <summary>What a worker may do while it holds a study (<see cref="IStudyStorage.Exclusive{T}"/>).</summary>
public interface IStudyTransaction
{
    /// <summary>
    /// The tuner calls stored since this worker's previous transaction (by other workers, or all of them after a reconnection), in
    /// order, each with its sequence number in the study's log.
    /// </summary>
    IReadOnlyList<(long Sequence, TunerEvent Event)> NewEvents { get; }

    /// <summary>
    /// Whether <see cref="NewEvents"/> holds the whole log because an earlier transaction may or may not have been stored (a
    /// dropped connection): the worker rebuilds its tuner from the log instead of applying the events to it.
    /// </summary>
    bool Restarted { get; }

    /// <summary>Stores a tuner call: a proposal creates the running trial, a prune check stores the intermediate value.</summary>
    void Record(TunerEvent tunerEvent);

    /// <summary>Stores a finished trial: its state, value, metrics and end time.</summary>
    void Finish(TrialRecord record);

    /// <summary>
    /// Running trials whose worker has not sent a heartbeat for <paramref name="gracePeriod"/> (killed, or its machine lost).
    /// With <paramref name="requeue"/> they become waiting, to be claimed again by <see cref="ClaimWaiting"/>; otherwise the
    /// caller reports them as failed.
    /// </summary>
    IReadOnlyList<TrialSuggestion> TakeStale(TimeSpan gracePeriod, bool requeue);

    /// <summary>
    /// Returns this worker's running trial <paramref name="trialId"/> to the study unfinished (cancelled, Ctrl+C): it waits for the
    /// next worker to run it again under its number, with its parameters.
    /// </summary>
    void Requeue(int trialId);

    /// <summary>A waiting (re-queued) trial, now running for this worker; null when there is none.</summary>
    TrialSuggestion? ClaimWaiting();

    /// <summary>The number of trials running for any worker (this one included).</summary>
    int RunningCount { get; }
}

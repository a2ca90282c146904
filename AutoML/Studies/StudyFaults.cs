namespace MLExt.AutoML;

/// <summary>How a shared study watches for workers that died: heartbeats, the grace period, and whether their trials run again.</summary>
/// <param name="HeartbeatInterval">How often a running trial's worker records that it is alive.</param>
/// <param name="GracePeriod">How long a running trial may go without a heartbeat before another worker fails (or re-queues) it.</param>
/// <param name="RetryFailedTrials">Whether such a trial is re-queued (run again, same number and parameters) instead of failed.</param>
public sealed record StudyFaults(TimeSpan HeartbeatInterval, TimeSpan GracePeriod, bool RetryFailedTrials);

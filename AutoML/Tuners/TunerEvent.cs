namespace MLExt.AutoML;

/// <summary>One call a tuner has seen; a study's ordered list of them rebuilds the tuner (<see cref="TunerReplay"/>).</summary>
public abstract record TunerEvent;

/// <summary><see cref="ITuner.Propose"/> returned <paramref name="Suggestion"/>.</summary>
public sealed record TrialProposedEvent(TrialSuggestion Suggestion) : TunerEvent;

/// <summary><see cref="ITuner.ShouldPrune"/> was asked about (<paramref name="TrialId"/>, <paramref name="Step"/>, <paramref name="Value"/>) and answered <paramref name="Pruned"/>.</summary>
public sealed record PruneCheckedEvent(int TrialId, int Step, double Value, bool Pruned) : TunerEvent;

/// <summary><see cref="ITuner.Report"/> was called with <paramref name="Outcome"/>.</summary>
public sealed record TrialReportedEvent(TrialOutcome Outcome) : TunerEvent;

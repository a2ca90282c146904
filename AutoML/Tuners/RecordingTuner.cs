namespace MLExt.AutoML;

/// <summary>
/// Wraps a tuner and passes every call it forwards, as a <see cref="TunerEvent"/>, to a callback (the
/// study appends them to its file), after the inner tuner has answered.
/// </summary>
public sealed class RecordingTuner : ITuner
{
    private readonly ITuner _inner;
    private readonly Action<TunerEvent> _record;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="record"/> receives each event.</summary>
    public RecordingTuner(ITuner inner, Action<TunerEvent> record)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _record = record ?? throw new ArgumentNullException(nameof(record));
    }

    /// <summary>The wrapped tuner.</summary>
    public ITuner Inner => _inner;

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <inheritdoc />
    public TrialSuggestion Propose()
    {
        var suggestion = _inner.Propose();
        _record(new TrialProposedEvent(suggestion));
        return suggestion;
    }

    /// <inheritdoc />
    public bool ShouldPrune(int trialId, int step, double value)
    {
        bool pruned = _inner.ShouldPrune(trialId, step, value);
        _record(new PruneCheckedEvent(trialId, step, value, pruned));
        return pruned;
    }

    /// <inheritdoc />
    public void Report(TrialOutcome outcome)
    {
        _inner.Report(outcome);
        _record(new TrialReportedEvent(outcome));
    }
}

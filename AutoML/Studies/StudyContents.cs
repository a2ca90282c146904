namespace MLExt.AutoML;

/// <summary>A study as <see cref="IStudyStorage.Open"/> finds it.</summary>
/// <param name="Events">The tuner calls to replay into a new tuner, in order.</param>
/// <param name="Trials">The finished trials.</param>
/// <param name="LastSequence">The sequence number of the last event in <paramref name="Events"/> (0 when none).</param>
public sealed record StudyContents(IReadOnlyList<TunerEvent> Events, IReadOnlyList<TrialRecord> Trials, long LastSequence);

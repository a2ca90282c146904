namespace MLExt.AutoML;

/// <summary>
/// A study in a JSON-lines file (<see cref="StudyWriter"/>, <see cref="StudyLog"/>), owned by one process: the embedded default.
/// Each tuner call and finished trial is one line, flushed before the call returns; a stopped study resumes by replaying it.
/// </summary>
public sealed class JsonLinesStudyStorage : IStudyStorage
{
    private readonly string? _path;
    private readonly object _gate = new();
    private StudyWriter? _writer;

    /// <summary>A study in the file at <paramref name="path"/>; null keeps it in memory only (nothing is written).</summary>
    public JsonLinesStudyStorage(string? path) => _path = path;

    /// <inheritdoc/>
    public string Description => _path is null ? "the study in memory" : $"the study file '{_path}'";

    /// <inheritdoc/>
    public bool IsShared => false;

    /// <inheritdoc/>
    /// <exception cref="IOException">The file exists and <paramref name="resume"/> is false (a study is never overwritten).</exception>
    /// <exception cref="InvalidOperationException">The study to resume was made with other settings.</exception>
    public StudyContents Open(StudyHeader header, SearchSpace space, bool resume)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (_path is null)
            return new StudyContents([], [], 0);
        if (!File.Exists(_path))
        {
            _writer = StudyWriter.Create(_path, header);
            return new StudyContents([], [], 0);
        }
        if (!resume)
            throw new IOException($"The study file '{_path}' exists already; resume it (Resume = true) or choose another path.");
        var log = StudyLog.Load(_path);
        if (log.Header.Difference(header) is { } difference)
            throw new InvalidOperationException($"Cannot resume '{_path}': it was made with {difference}.");
        // Prune checks of trials that never finished are dropped: those trials run again from their first epoch.
        var events = log.ResumableEvents;
        _writer = StudyWriter.Rewrite(_path, log.ResumableLines);
        return new StudyContents(events, log.Trials, events.Count);
    }

    /// <inheritdoc/>
    public T Exclusive<T>(Func<IStudyTransaction, T> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_gate)
            return step(new FileTransaction(_writer));
    }

    /// <inheritdoc/>
    public void Heartbeat(int trialId)
    {
        // One process owns the file: a trial's worker cannot die while the study goes on, so there is nothing to watch.
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrialRecord> Trials() => _path is null || !File.Exists(_path) ? [] : StudyLog.Load(_path).Trials;

    /// <inheritdoc/>
    public void Dispose() => _writer?.Dispose();

    private sealed class FileTransaction(StudyWriter? writer) : IStudyTransaction
    {
        public IReadOnlyList<(long Sequence, TunerEvent Event)> NewEvents => [];

        public bool Restarted => false;

        public int RunningCount => 0;

        public void Record(TunerEvent tunerEvent) => writer?.Write(tunerEvent);

        public void Finish(TrialRecord record) => writer?.Write(record);

        public IReadOnlyList<TrialSuggestion> TakeStale(TimeSpan gracePeriod, bool requeue) => [];

        public TrialSuggestion? ClaimWaiting() => null;

        // A file's unfinished trials run again when the study is resumed (they have no report in the log).
        public void Requeue(int trialId) { }
    }
}

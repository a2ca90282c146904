namespace MLExt.AutoML;

/// <summary>
/// One worker's view of a study: its tuner, kept in step with the study's log in <see cref="IStudyStorage"/>. Every tuner call
/// runs inside <see cref="IStudyStorage.Exclusive{T}"/> after the calls other workers made since, so all workers' tuners see one
/// sequence of calls and propose as a single tuner would. Trials running here send heartbeats; running trials of workers that
/// stopped sending them are failed (or re-queued) after the grace period.
/// </summary>
internal sealed class StudySession : IDisposable
{
    private readonly IStudyStorage _storage;
    private readonly Func<ITuner> _createTuner;
    private readonly int _maxTrials;
    private readonly int _seed;
    private readonly StudyHeartbeat _heartbeat;
    private readonly Queue<TrialSuggestion> _resumed;
    private readonly List<TrialRecord> _records;
    private readonly Dictionary<(int Id, int Step), bool> _pruneAnswers = [];
    private readonly HashSet<int> _reported = [];
    private ITuner _tuner;
    private int _proposed;

    public StudySession(IStudyStorage storage, StudyHeader header, SearchSpace space, bool resume, Func<ITuner> createTuner, int maxTrials, StudyFaults faults)
    {
        _storage = storage;
        _createTuner = createTuner;
        _maxTrials = maxTrials;
        _seed = header.Seed;
        Faults = faults;
        var contents = storage.Open(header, space, resume);
        _tuner = createTuner();
        var pending = Replay(contents.Events);
        // A file's unfinished trials run again here; a database's belong to other workers (or are failed when those stop beating).
        _resumed = new Queue<TrialSuggestion>(storage.IsShared ? [] : pending);
        _records = contents.Trials.ToList();
        _heartbeat = new StudyHeartbeat(storage, faults.HeartbeatInterval);
    }

    public StudyFaults Faults { get; }

    /// <summary>The finished trials this worker knows of, in the order it learnt of them.</summary>
    public IReadOnlyList<TrialRecord> Records => _records;

    /// <summary>The next trial for this worker, or null when the study has proposed all its trials (and none waits to be re-run).</summary>
    public TrialSuggestion? Next()
    {
        if (_resumed.Count > 0)
            return _resumed.Dequeue();
        var next = _storage.Exclusive(tx =>
        {
            Sync(tx);
            if (tx.ClaimWaiting() is { } waiting)
                return waiting;
            if (_proposed >= _maxTrials)
                return null;
            var suggestion = _tuner.Propose();
            tx.Record(new TrialProposedEvent(suggestion));
            _proposed++;
            return suggestion;
        });
        if (next is not null)
            _heartbeat.Start(next.Id);
        return next;
    }

    /// <summary>Whether other workers still run trials of the study (after failing or re-queueing those whose worker stopped).</summary>
    public bool OthersRunning(int runningHere) =>
        _storage.IsShared && _storage.Exclusive(tx => { Sync(tx); return tx.RunningCount > runningHere; });

    /// <summary>Asks the tuner whether trial <paramref name="id"/> should stop at <paramref name="step"/>; the question is stored.</summary>
    public bool ShouldPrune(int id, int step, double value) => _storage.Exclusive(tx =>
    {
        Sync(tx);
        if (_reported.Contains(id))
            return true; // failed meanwhile for a missed heartbeat: its result would not count
        if (_pruneAnswers.TryGetValue((id, step), out bool asked))
            return asked;
        bool pruned = _tuner.ShouldPrune(id, step, value);
        var e = new PruneCheckedEvent(id, step, value, pruned);
        tx.Record(e);
        _pruneAnswers[(id, step)] = pruned;
        return pruned;
    });

    /// <summary>Reports a finished trial to the tuner and the storage; false when it was reported already (failed for a missed heartbeat).</summary>
    public bool Report(TrialRecord record)
    {
        _heartbeat.Stop(record.Id);
        return _storage.Exclusive(tx =>
        {
            Sync(tx);
            if (_reported.Contains(record.Id))
                return false;
            Tell(tx, record);
            return true;
        });
    }

    /// <summary>Gives back a trial that will not be reported (cancelled): in a shared study it waits for a worker to run it again.</summary>
    public void Abandon(int id)
    {
        _heartbeat.Stop(id);
        if (_storage.IsShared)
            _storage.Exclusive(tx => { tx.Requeue(id); return 0; });
    }

    /// <summary>Every finished trial in the storage (all workers').</summary>
    public IReadOnlyList<TrialRecord> AllTrials() => _storage.IsShared ? _storage.Trials() : _records;

    public void Dispose() => _heartbeat.Dispose();

    private void Tell(IStudyTransaction tx, TrialRecord record)
    {
        var outcome = new TrialOutcome(record.Id, record.Parameters, record.Budget, record.Loss, record.Status);
        _tuner.Report(outcome);
        tx.Record(new TrialReportedEvent(outcome));
        tx.Finish(record);
        _reported.Add(record.Id);
        _records.Add(record);
    }

    /// <summary>Applies the calls other workers made, then fails (or re-queues) trials whose worker stopped sending heartbeats.</summary>
    private void Sync(IStudyTransaction tx)
    {
        if (tx.Restarted)
        {
            _tuner = _createTuner();
            _proposed = 0;
            _reported.Clear();
            _pruneAnswers.Clear();
        }
        Replay(tx.NewEvents.Select(e => e.Event));
        if (!_storage.IsShared)
            return;
        foreach (var stale in tx.TakeStale(Faults.GracePeriod, Faults.RetryFailedTrials))
        {
            if (Faults.RetryFailedTrials || _reported.Contains(stale.Id))
                continue;
            Tell(tx, new TrialRecord
            {
                Id = stale.Id, Parameters = stale.Parameters, Budget = stale.Budget, Seed = TrialSeeds.For(_seed, stale.Id), Status = TrialStatus.Failed,
                Error = $"Its worker sent no heartbeat for {Faults.GracePeriod.TotalSeconds:0.#} s (stopped or lost).",
            });
        }
    }

    private List<TrialSuggestion> Replay(IEnumerable<TunerEvent> events)
    {
        var list = events.ToList();
        var pending = TunerReplay.Replay(_tuner, list).ToList();
        foreach (var e in list)
        {
            switch (e)
            {
                case TrialProposedEvent:
                    _proposed++;
                    break;
                case PruneCheckedEvent c:
                    _pruneAnswers[(c.TrialId, c.Step)] = c.Pruned;
                    break;
                case TrialReportedEvent r:
                    _reported.Add(r.Outcome.Id);
                    break;
            }
        }
        return pending;
    }
}

namespace MLExt.AutoML;

/// <summary>
/// Ask/tell over a study, for an objective that is not an ML.NET pipeline: <see cref="Ask"/> a trial, evaluate its parameters
/// however you like, <see cref="Tell"/> the value. The study lives where <see cref="Experiment"/>'s would (a JSON-lines file, in
/// memory, or a database shared by any number of workers) and is driven by the same machinery: every worker's tuner proposes
/// from all workers' trials, and asked trials are heartbeated until told, so a worker that dies leaves them failed or re-queued.
/// </summary>
/// <remarks>
/// Settings come from <see cref="ExperimentOptions"/>: <c>Tuner</c>, <c>Seed</c>, <c>MaxTrials</c> (the study's total across
/// workers), <c>MinEpochs</c>/<c>MaxEpochs</c>/<c>ReductionFactor</c> (budgets in steps), <c>StudyPath</c> or <c>Storage</c>,
/// <c>Resume</c>, and the heartbeat options. Values are in the direction of <c>Metric</c> (or the task's default): minimised
/// for RMSE, maximised for AUC. The same seed gives the same proposals. Thread-safe.
/// </remarks>
public sealed class Study : IDisposable
{
    private readonly ExperimentOptions _options;
    private readonly JsonLinesStudyStorage? _ownStorage;
    private readonly StudySession _session;
    private readonly Dictionary<int, StudyTrial> _asked = [];
    private readonly object _gate = new();

    /// <summary>Creates the study, or joins (resumes) it, with <paramref name="options"/> over <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="StudyStorageException">A database study exists with other settings, or the storage does not answer.</exception>
    public Study(ExperimentOptions options, SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(space);
        options.Validate();
        _options = options;
        var header = new StudyHeader(options.Task, options.EffectiveMetric, options.Tuner.ToLowerInvariant(), options.Seed,
            options.MinEpochs, options.MaxEpochs, space.ToString(), Evaluation: "ask/tell", options.DataFingerprint);
        _ownStorage = options.Storage is null ? new JsonLinesStudyStorage(options.StudyPath) : null;
        try
        {
            _session = new StudySession(options.Storage ?? _ownStorage!, header, space, options.Resume, () => options.CreateTuner(space),
                options.MaxTrials, options.Faults);
        }
        catch
        {
            _ownStorage?.Dispose();
            throw;
        }
    }

    /// <summary>The finished trials of the study (all workers').</summary>
    public IReadOnlyList<TrialRecord> Trials => _session.AllTrials();

    /// <summary>
    /// The next trial to evaluate (heartbeated until told), or null when the study has proposed all its <c>MaxTrials</c>.
    /// </summary>
    public StudyTrial? Ask()
    {
        if (_session.Next() is not { } suggestion)
            return null;
        var trial = new StudyTrial(this, suggestion, TrialSeeds.For(_options.Seed, suggestion.Id),
            (step, loss) => _session.ShouldPrune(suggestion.Id, step, loss));
        lock (_gate)
            _asked.Add(trial.Id, trial);
        return trial;
    }

    /// <summary>Tells the objective's final value of <paramref name="trial"/>; a value that is not finite fails it.</summary>
    /// <returns>False when the study had failed the trial already because its heartbeats stopped for the grace period.</returns>
    /// <exception cref="ArgumentException">The trial was not asked of this study.</exception>
    /// <exception cref="InvalidOperationException">The trial was told already.</exception>
    public bool Tell(StudyTrial trial, double value) => double.IsFinite(value)
        ? Finish(trial, TrialStatus.Completed, value, ToLoss(value), error: null)
        : Finish(trial, TrialStatus.Failed, double.NaN, double.NaN, $"The value is {value}.");

    /// <summary>
    /// Tells that <paramref name="trial"/> stopped early (after <see cref="StudyTrial.ShouldPrune"/>); its loss is its last reported value.
    /// </summary>
    /// <inheritdoc cref="Tell" path="/returns"/>
    /// <inheritdoc cref="Tell" path="/exception"/>
    public bool TellPruned(StudyTrial trial) =>
        Finish(trial, TrialStatus.Pruned, double.NaN, trial?.IntermediateLosses.Count > 0 ? trial.IntermediateLosses[^1] : double.NaN,
            error: null);

    /// <summary>Tells that the objective failed on <paramref name="trial"/>, with the reason.</summary>
    /// <inheritdoc cref="Tell" path="/returns"/>
    /// <inheritdoc cref="Tell" path="/exception"/>
    public bool TellFailed(StudyTrial trial, string error) => Finish(trial, TrialStatus.Failed, double.NaN, double.NaN, error);

    /// <summary>
    /// Stops heartbeating; trials asked and never told run again: a database re-queues them, a resumed file re-proposes them.
    /// </summary>
    public void Dispose()
    {
        int[] untold;
        lock (_gate)
        {
            untold = _asked.Keys.ToArray();
            _asked.Clear();
        }
        foreach (int id in untold)
            _session.Abandon(id);
        _session.Dispose();
        _ownStorage?.Dispose();
    }

    internal double ToLoss(double value) => ExperimentMetrics.ToLoss(_options.EffectiveMetric, value);

    private bool Finish(StudyTrial trial, TrialStatus status, double metric, double loss, string? error)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Study != this)
            throw new ArgumentException($"Trial {trial.Id} was not asked of this study.", nameof(trial));
        lock (_gate)
        {
            if (!_asked.Remove(trial.Id))
                throw new InvalidOperationException($"Trial {trial.Id} was told already; tell each asked trial once.");
        }
        return _session.Report(new TrialRecord
        {
            Id = trial.Id, Parameters = trial.Parameters, Budget = trial.Budget, Seed = trial.Seed, Status = status, Metric = metric,
            Loss = loss, Error = error, Duration = trial.Elapsed, IntermediateScores = trial.IntermediateLosses.ToArray(),
            EpochsTrained = trial.IntermediateLosses.Count,
        });
    }
}

using Microsoft.ML;
using MLExt.Evaluation;

namespace MLExt.AutoML;

/// <summary>What an <see cref="Experiment"/> searches, how it evaluates a trial, and when it stops.</summary>
/// <remarks>
/// Plain settings, checked by <see cref="Validate"/> when the experiment starts; every failure is an
/// <see cref="ArgumentException"/> naming the option.
/// </remarks>
public sealed class ExperimentOptions
{
    /// <summary>The task: binary, multiclass or regression. Default binary.</summary>
    public EvaluationTask Task { get; set; } = EvaluationTask.BinaryClassification;

    /// <summary>The label column: Boolean (binary), key (multiclass; any other type is mapped to a key first) or Single (regression). Default <c>Label</c>.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The feature column: a known-size vector of Single. Default <c>Features</c>.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The metric to optimise; null takes the task's default (AUC, macro accuracy, RMSE).</summary>
    public ExperimentMetric? Metric { get; set; }

    /// <summary>
    /// Folds of the cross-validation that scores each trial (≥ 2; stratified by class for classification, through
    /// MLExt.Evaluation's <c>CrossValidator</c>), or 0 to score on one seeded hold-out of <see cref="ValidationFraction"/>. Default 0.
    /// </summary>
    public int NumberOfFolds { get; set; }

    /// <summary>The fraction of rows held out to score each trial when <see cref="NumberOfFolds"/> is 0; in (0, 1). Default 0.2.</summary>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>The most trials to run (≥ 1), counting those of a resumed study. Default 20.</summary>
    public int MaxTrials { get; set; } = 20;

    /// <summary>Wall-clock budget of this run; running trials are cancelled when it is spent. Null for none.</summary>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>Stops the search: running trials stop within one epoch (networks) and the result holds what finished.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Trials run at once (≥ 1). Default 1. See <see cref="Experiment"/> for what stays independent of timing.</summary>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    /// <summary>The experiment's seed: of the tuner, the hold-out or folds, and (with the trial id) of every trial. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>The tuner: random, grid, tpe, bayes, hyperband or asha (see the core's <c>TunerFactory</c>). Default tpe.</summary>
    public string Tuner { get; set; } = "tpe";

    /// <summary>The largest number of epochs a network trial trains: the tuners' full budget and the top of the <c>Epochs</c> range. Default 20.</summary>
    public int MaxEpochs { get; set; } = 20;

    /// <summary>The smallest budget a multi-fidelity tuner gives a trial, in epochs (≥ 1, ≤ <see cref="MaxEpochs"/>). Default 1.</summary>
    public int MinEpochs { get; set; } = 1;

    /// <summary>The multi-fidelity tuners' reduction factor η (≥ 2): each rung keeps the best 1/η and multiplies the epochs by η. Default 3.</summary>
    public int ReductionFactor { get; set; } = 3;

    /// <summary>The search space; null takes <see cref="DefaultSearchSpace.Create"/> for the task (networks and ML.NET's trainers under a <c>Trainer</c> choice).</summary>
    public SearchSpace? SearchSpace { get; set; }

    /// <summary>
    /// Builds the estimator of a trial from its parameters; null takes <see cref="TrialEstimators.Create"/> (the default space's
    /// trainers). The estimator reads the prepared label and feature columns; a network trainer should pass its options
    /// through <see cref="TrialContext.Configure"/> so that it reports its epochs, honours the budget, pruning and cancellation.
    /// </summary>
    public Func<Parameters, TrialContext, IEstimator<ITransformer>>? PipelineFactory { get; set; }

    /// <summary>A JSON-lines file the study is written to as it goes; null keeps the study in memory only.</summary>
    public string? StudyPath { get; set; }

    /// <summary>
    /// What identifies the data searched on, stored in the study and compared when it is resumed: <c>key=value</c> parts joined by
    /// <c>; </c> (such as <c>file=a.csv; sha256=…; label=y</c>), so that a refusal names the part that changed. Null: not checked.
    /// </summary>
    public string? DataFingerprint { get; set; }

    /// <summary>
    /// When true and <see cref="StudyPath"/> exists, the experiment reloads it, replays the tuner and continues; a study of
    /// another task, metric, tuner, seed, scoring (folds or hold-out) or data fingerprint is refused. When false an existing file is an error, so no study is lost. Default false.
    /// </summary>
    public bool Resume { get; set; }

    /// <summary>
    /// Where the study lives when it is not <see cref="StudyPath"/>: a <see cref="PostgresStudyStorage"/> that any number of worker
    /// processes and machines share (each runs the same experiment; <see cref="MaxTrials"/> counts the trials of all of them), or
    /// any other <see cref="IStudyStorage"/>. The experiment does not dispose it. Null: <see cref="StudyPath"/> or memory.
    /// </summary>
    public IStudyStorage? Storage { get; set; }

    /// <summary>How often a trial running with a shared <see cref="Storage"/> records that its worker is alive. Default 10 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a running trial of a shared study may go without a heartbeat before another worker fails it (or re-queues it, with
    /// <see cref="RetryFailedTrials"/>); null for 6 × <see cref="HeartbeatInterval"/>, more forgiving than Optuna's 2 × because
    /// training can keep a small machine busy.
    /// </summary>
    public TimeSpan? GracePeriod { get; set; }

    /// <summary>Whether a trial whose worker stopped (killed, machine lost) runs again with the same number and parameters instead of being failed. Default false.</summary>
    public bool RetryFailedTrials { get; set; }

    /// <summary>The grace period in force: <see cref="GracePeriod"/> or 6 × <see cref="HeartbeatInterval"/>.</summary>
    public TimeSpan EffectiveGracePeriod => GracePeriod ?? 6 * HeartbeatInterval;

    /// <summary>Receives trial started, epoch and finished reports, synchronously on the thread running the trial.</summary>
    public IProgress<TrialProgress>? Progress { get; set; }

    /// <summary>
    /// Greedy steps of ensemble selection over the finished trials (Caruana et al. 2004, as auto-sklearn; its <c>ensemble_size</c>), or
    /// 0 (the default) for none. Above 0, every trial keeps its held-out predictions and <see cref="ExperimentResult.Ensemble"/> reports the
    /// ensemble beside the best trial.
    /// </summary>
    public int EnsembleSize { get; set; }

    /// <summary>The metric this experiment optimises: <see cref="Metric"/> or the task's default.</summary>
    public ExperimentMetric EffectiveMetric => Metric ?? ExperimentMetrics.Default(Task);

    /// <summary>How a shared study watches for workers that died, from the heartbeat, grace and retry options.</summary>
    internal StudyFaults Faults => new(HeartbeatInterval, EffectiveGracePeriod, RetryFailedTrials);

    /// <summary>A new tuner of <see cref="Tuner"/> over <paramref name="space"/> with these options' seed and budgets.</summary>
    internal ITuner CreateTuner(SearchSpace space) => TunerFactory.Create(Tuner, space, Seed,
        new MultiFidelityOptions { MinBudget = MinEpochs, MaxBudget = MaxEpochs, ReductionFactor = ReductionFactor });

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range or does not fit the task (its name is the parameter name).</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Task))
            throw new ArgumentOutOfRangeException(nameof(Task), Task, "Unknown task.");
        if (!ExperimentMetrics.Supports(EffectiveMetric, Task))
            throw new ArgumentException($"Metric {ExperimentMetrics.Name(EffectiveMetric)} is not defined for {Task}; use one of {string.Join(", ", ExperimentMetrics.For(Task).Select(ExperimentMetrics.Name))}.", nameof(Metric));
        ArgumentException.ThrowIfNullOrEmpty(LabelColumnName, nameof(LabelColumnName));
        ArgumentException.ThrowIfNullOrEmpty(FeatureColumnName, nameof(FeatureColumnName));
        if (NumberOfFolds is 1 or < 0)
            throw new ArgumentOutOfRangeException(nameof(NumberOfFolds), NumberOfFolds, "NumberOfFolds must be 0 (a hold-out) or at least 2.");
        if (NumberOfFolds == 0 && !(ValidationFraction is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "ValidationFraction must lie strictly between 0 and 1.");
        if (MaxTrials < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxTrials), MaxTrials, "MaxTrials must be at least 1.");
        if (TimeBudget is { } budget && budget <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TimeBudget), budget, "TimeBudget must be positive.");
        if (MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be at least 1.");
        if (MaxEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxEpochs), MaxEpochs, "MaxEpochs must be at least 1.");
        if (MinEpochs < 1 || MinEpochs > MaxEpochs)
            throw new ArgumentOutOfRangeException(nameof(MinEpochs), MinEpochs, $"MinEpochs must lie in [1, MaxEpochs = {MaxEpochs}].");
        if (ReductionFactor < 2)
            throw new ArgumentOutOfRangeException(nameof(ReductionFactor), ReductionFactor, "ReductionFactor must be at least 2.");
        if (string.IsNullOrEmpty(Tuner) || !TunerFactory.Names.Contains(Tuner, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown tuner '{Tuner}'; expected one of {string.Join(", ", TunerFactory.Names)}.", nameof(Tuner));
        if (Resume && StudyPath is null && Storage is null)
            throw new ArgumentException("Resume needs a StudyPath.", nameof(Resume));
        if (Storage is not null && StudyPath is not null)
            throw new ArgumentException("Give a StudyPath or a Storage, not both.", nameof(Storage));
        if (EnsembleSize < 0)
            throw new ArgumentOutOfRangeException(nameof(EnsembleSize), EnsembleSize, "EnsembleSize must be 0 (no ensemble) or a number of greedy steps.");
        if (EnsembleSize > 0 && Storage is { IsShared: true })
            throw new ArgumentException("EnsembleSize: ensemble selection needs every trial's predictions in this process, which a shared study's other workers keep.", nameof(EnsembleSize));
        if (HeartbeatInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), HeartbeatInterval, "HeartbeatInterval must be positive.");
        if (EffectiveGracePeriod <= HeartbeatInterval)
            throw new ArgumentOutOfRangeException(nameof(GracePeriod), EffectiveGracePeriod, $"GracePeriod must exceed HeartbeatInterval ({HeartbeatInterval}).");
    }
}

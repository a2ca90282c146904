using Microsoft.ML;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.AutoML;

/// <summary>
/// One running trial as its runner and its pipeline factory see it: the suggestion, its seed, its cancellation,
/// and the channel for intermediate scores that lets the tuner prune it.
/// </summary>
public sealed class TrialContext
{
    private readonly Func<int, double, bool> _shouldPrune;
    private readonly Action<TrialProgress> _progress;
    private readonly CancellationTokenSource _cancellation;
    private readonly List<double> _intermediate = [];
    private int _epochs;

    internal TrialContext(TrialSuggestion suggestion, int seed, ExperimentMetric metric, CancellationToken experimentToken,
        Func<int, double, bool> shouldPrune, Action<TrialProgress> progress)
    {
        Suggestion = suggestion;
        Seed = seed;
        Metric = metric;
        _shouldPrune = shouldPrune;
        _progress = progress;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(experimentToken);
    }

    /// <summary>The tuner's suggestion: id, parameters and budget.</summary>
    public TrialSuggestion Suggestion { get; }

    /// <summary>The trial's id.</summary>
    public int TrialId => Suggestion.Id;

    /// <summary>The parameters to try.</summary>
    public Parameters Parameters => Suggestion.Parameters;

    /// <summary>The budget in epochs, or null for the full one.</summary>
    public int? Budget => Suggestion.Budget;

    /// <summary>The trial's seed: give it to every seeded trainer.</summary>
    public int Seed { get; }

    /// <summary>The metric the experiment optimises.</summary>
    public ExperimentMetric Metric { get; }

    /// <summary>Cancelled when the experiment is cancelled, its time budget is spent, or the tuner prunes this trial.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Whether the tuner pruned this trial.</summary>
    public bool IsPruned { get; private set; }

    /// <summary>The intermediate scores reported so far, steps 1, 2, ….</summary>
    public IReadOnlyList<double> IntermediateScores => _intermediate;

    /// <summary>Epochs finished so far, over all folds.</summary>
    public int EpochsTrained => Volatile.Read(ref _epochs);

    /// <summary>The fold whose estimator is being built (0 for a hold-out); set by the runner before it calls the pipeline factory.</summary>
    public int Fold { get; internal set; }

    /// <summary>Rows the network validates on after every epoch (the fold's held-out rows), or null; set by the runner.</summary>
    public IDataView? ValidationData { get; internal set; }

    /// <summary>
    /// Reports the intermediate score (lower is better) of step <paramref name="step"/> (1, 2, …) to the tuner.
    /// Returns true when the tuner prunes the trial, which also cancels <see cref="CancellationToken"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Steps must be reported in order from 1.</exception>
    public bool ReportIntermediate(int step, double value)
    {
        if (step != _intermediate.Count + 1)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Intermediate scores are reported at steps 1, 2, … in order; expected step {_intermediate.Count + 1}.");
        _intermediate.Add(value);
        if (IsPruned || !_shouldPrune(step, value))
            return IsPruned;
        IsPruned = true;
        _cancellation.Cancel();
        return true;
    }

    /// <summary>Counts one finished epoch of this trial (on any fold); <see cref="Configure"/>'s observer calls it, a custom runner calls it itself.</summary>
    public void ReportEpochCompleted() => Interlocked.Increment(ref _epochs);

    /// <summary>
    /// Wires a network trainer's options into the trial: its seed, the budget as <see cref="TrainingSettings.NumberOfEpochs"/>
    /// (when the tuner gives one), the trial's cancellation, the fold's validation rows, and a per-epoch observer that counts epochs,
    /// reports progress and (on the first fold) passes the validation score to <see cref="ReportIntermediate"/>.
    /// </summary>
    /// <returns><paramref name="options"/>, changed in place.</returns>
    public T Configure<T>(T options) where T : NeuralNetworkOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Seed = Seed;
        if (Budget is { } budget)
            options.NumberOfEpochs = budget;
        options.CancellationToken = CancellationToken;
        if (ValidationData is not null)
            options.ValidationData = ValidationData;
        options.Progress = new EpochObserver(this, Fold, options.NumberOfEpochs);
        return options;
    }

    internal void Dispose() => _cancellation.Dispose();

    /// <summary>The score an epoch's validation gives the tuner: the network's own figure nearest to the optimised metric, lower is better.</summary>
    internal static double? IntermediateScore(ExperimentMetric metric, TrainingProgress progress) => metric switch
    {
        ExperimentMetric.Accuracy or ExperimentMetric.MacroAccuracy when progress.MetricName == "accuracy" && progress.ValidationMetric is { } accuracy => -accuracy,
        ExperimentMetric.Rmse or ExperimentMetric.Mae or ExperimentMetric.RSquared when progress.ValidationMetric is { } rmse => rmse,
        _ => progress.ValidationLoss,
    };

    /// <summary>Synchronous (unlike <see cref="Progress{T}"/>), so that pruning acts before the next epoch starts.</summary>
    private sealed class EpochObserver(TrialContext trial, int fold, int epochs) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (!value.EpochCompleted)
                return;
            trial.ReportEpochCompleted();
            double? score = fold == 0 ? IntermediateScore(trial.Metric, value) : null;
            trial._progress(new TrialProgress
            {
                Kind = TrialProgressKind.Epoch, TrialId = trial.TrialId, Parameters = trial.Parameters, Budget = trial.Budget,
                Epoch = value.Epoch, NumberOfEpochs = epochs, Fold = fold, IntermediateScore = score,
            });
            if (score is { } s && double.IsFinite(s))
                trial.ReportIntermediate(trial._intermediate.Count + 1, s);
        }
    }
}

namespace MLExt.Evaluation.CrossValidation;

/// <summary>The outcome of a cross-validation: every fold, each metric summarised, and the pooled out-of-fold evaluation.</summary>
public sealed class CrossValidationResult
{
    internal CrossValidationResult(EvaluationTask task, FoldStrategy strategy, int folds, int repeats, int seed,
        IReadOnlyList<FoldResult> foldResults, IReadOnlyList<MetricSummary> summary, IEvaluationResult pooled, IReadOnlyList<string> warnings)
    {
        Task = task;
        Strategy = strategy;
        NumberOfFolds = folds;
        Repeats = repeats;
        Seed = seed;
        Folds = foldResults;
        Summary = summary;
        Pooled = pooled;
        Warnings = warnings;
    }

    /// <summary>The task.</summary>
    public EvaluationTask Task { get; }

    /// <summary>The fold strategy used (never <see cref="FoldStrategy.Auto"/>).</summary>
    public FoldStrategy Strategy { get; }

    /// <summary>Folds per repeat.</summary>
    public int NumberOfFolds { get; }

    /// <summary>Repeats.</summary>
    public int Repeats { get; }

    /// <summary>The seed of the shuffles.</summary>
    public int Seed { get; }

    /// <summary>Every fold, repeat by repeat.</summary>
    public IReadOnlyList<FoldResult> Folds { get; }

    /// <summary>Each metric across folds: values, mean, standard deviation, 95% interval.</summary>
    public IReadOnlyList<MetricSummary> Summary { get; }

    /// <summary>
    /// The evaluation of every out-of-fold prediction pooled together (each row once per repeat): the ROC and
    /// precision–recall curves of the whole data set.
    /// </summary>
    public IEvaluationResult Pooled { get; }

    /// <summary>What was left out or could not be computed, in words.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The summary of the metric called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such metric for this task.</exception>
    public MetricSummary this[string name] => Summary.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"No metric '{name}'; this task has {string.Join(", ", Summary.Select(s => s.Name))}.");
}

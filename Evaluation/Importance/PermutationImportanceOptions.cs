namespace MLExt.Evaluation.Importance;

/// <summary>Settings of <see cref="PermutationImportance"/>.</summary>
public sealed class PermutationImportanceOptions
{
    /// <summary>The task, which picks the evaluator.</summary>
    public EvaluationTask Task { get; set; }

    /// <summary>The metric (null: AUC for binary, macro-accuracy for multiclass, R² for regression).</summary>
    public string? MetricName { get; set; }

    /// <summary>Shuffles per column; the interval is over these.</summary>
    public int Repeats { get; set; } = 5;

    /// <summary>The shuffles' seed: same seed, same importances.</summary>
    public int Seed { get; set; }

    /// <summary>The label column (read by the evaluator).</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The columns to shuffle (null: every visible input column but the label).</summary>
    public IReadOnlyList<string>? Columns { get; set; }

    /// <summary>The metric used.</summary>
    public string EffectiveMetric => MetricName ?? Task switch
    {
        EvaluationTask.BinaryClassification => Metrics.MetricNames.Auc,
        EvaluationTask.MulticlassClassification => Metrics.MetricNames.MacroAccuracy,
        _ => Metrics.MetricNames.RSquared,
    };
}

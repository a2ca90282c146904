using MLExt.Evaluation;
using MLExt.Evaluation.Metrics;

namespace MLExt.AutoML;

/// <summary>What each <see cref="ExperimentMetric"/> means: its evaluator name, direction and tasks.</summary>
public static class ExperimentMetrics
{
    /// <summary>The names <see cref="Parse"/> accepts, in the order of <see cref="ExperimentMetric"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auc", "f1", "accuracy", "macro-accuracy", "log-loss", "rmse", "mae", "r2"];

    /// <summary>The metric's name in MLExt's evaluations (<see cref="MetricNames"/>) for <paramref name="task"/>.</summary>
    public static string EvaluationName(ExperimentMetric metric, EvaluationTask task) => metric switch
    {
        ExperimentMetric.Auc => MetricNames.Auc,
        ExperimentMetric.F1 => MetricNames.F1,
        ExperimentMetric.Accuracy => task == EvaluationTask.MulticlassClassification ? MetricNames.MicroAccuracy : MetricNames.Accuracy,
        ExperimentMetric.MacroAccuracy => MetricNames.MacroAccuracy,
        ExperimentMetric.LogLoss => task == EvaluationTask.MulticlassClassification ? MetricNames.LogLossNats : MetricNames.LogLossBits,
        ExperimentMetric.Rmse => MetricNames.RootMeanSquaredError,
        ExperimentMetric.Mae => MetricNames.MeanAbsoluteError,
        _ => MetricNames.RSquared,
    };

    /// <summary>Whether a larger value is better.</summary>
    public static bool HigherIsBetter(ExperimentMetric metric) =>
        metric is not (ExperimentMetric.LogLoss or ExperimentMetric.Rmse or ExperimentMetric.Mae);

    /// <summary>The tuner's loss (lower is better) of a metric value: the value, or its negation for a metric to maximise.</summary>
    public static double ToLoss(ExperimentMetric metric, double value) => HigherIsBetter(metric) ? -value : value;

    /// <summary>The metric value of a tuner's loss (the inverse of <see cref="ToLoss"/>).</summary>
    public static double FromLoss(ExperimentMetric metric, double loss) => HigherIsBetter(metric) ? -loss : loss;

    /// <summary>Whether <paramref name="metric"/> is defined for <paramref name="task"/>.</summary>
    public static bool Supports(ExperimentMetric metric, EvaluationTask task) => task switch
    {
        EvaluationTask.BinaryClassification => metric is ExperimentMetric.Auc or ExperimentMetric.F1 or ExperimentMetric.Accuracy or ExperimentMetric.LogLoss,
        EvaluationTask.MulticlassClassification => metric is ExperimentMetric.Accuracy or ExperimentMetric.MacroAccuracy or ExperimentMetric.LogLoss,
        _ => metric is ExperimentMetric.Rmse or ExperimentMetric.Mae or ExperimentMetric.RSquared,
    };

    /// <summary>The metrics defined for <paramref name="task"/>.</summary>
    public static IReadOnlyList<ExperimentMetric> For(EvaluationTask task) =>
        Enum.GetValues<ExperimentMetric>().Where(m => Supports(m, task)).ToArray();

    /// <summary>The default metric of a task: AUC, macro accuracy or RMSE.</summary>
    public static ExperimentMetric Default(EvaluationTask task) => task switch
    {
        EvaluationTask.BinaryClassification => ExperimentMetric.Auc,
        EvaluationTask.MulticlassClassification => ExperimentMetric.MacroAccuracy,
        _ => ExperimentMetric.Rmse,
    };

    /// <summary>
    /// The name of <paramref name="metric"/> as shown beside its figures for <paramref name="task"/>: the command-line name, with the
    /// unit of log loss (<c>log-loss (bits)</c> for binary, <c>log-loss (nats)</c> for multiclass, ML.NET's conventions).
    /// </summary>
    public static string DisplayName(ExperimentMetric metric, EvaluationTask task) => metric != ExperimentMetric.LogLoss ? Name(metric)
        : task == EvaluationTask.MulticlassClassification ? "log-loss (nats)" : "log-loss (bits)";

    /// <summary>The command-line name of <paramref name="metric"/>, such as <c>log-loss</c>.</summary>
    public static string Name(ExperimentMetric metric) => Names[(int)metric];

    /// <summary>Parses a name of <see cref="Names"/> (case-insensitive; <c>_</c> or nothing may replace <c>-</c>).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static ExperimentMetric Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal);
        for (int i = 0; i < Names.Count; i++)
            if (Names[i] == key || Names[i].Replace("-", "", StringComparison.Ordinal) == key || (i == (int)ExperimentMetric.RSquared && key == "r²"))
                return (ExperimentMetric)i;
        throw new ArgumentException($"Unknown metric '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
    }
}

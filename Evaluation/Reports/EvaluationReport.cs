using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Metrics;

namespace MLExt.Evaluation.Reports;

/// <summary>
/// One report over one or more models of the same task, rendered by <see cref="MarkdownReportWriter"/>,
/// <see cref="HtmlReportWriter"/> and <see cref="JsonReportWriter"/>, with plots from <see cref="ReportPlots"/>.
/// </summary>
public sealed class EvaluationReport
{
    /// <summary>A report of <paramref name="models"/>.</summary>
    /// <exception cref="ArgumentException">No models, or models of different tasks or with the same name.</exception>
    public EvaluationReport(string title, IReadOnlyList<ModelReport> models, IReadOnlyList<string>? notes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
            throw new ArgumentException("A report needs at least one model.", nameof(models));
        if (models.Any(m => m.Evaluation.Task != models[0].Evaluation.Task))
            throw new ArgumentException("Every model of a report must be of the same task.", nameof(models));
        var duplicate = models.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two models are called '{duplicate.Key}'; names must differ.", nameof(models));
        Title = title;
        Models = models;
        Notes = notes ?? [];
    }

    /// <summary>The report's title.</summary>
    public string Title { get; }

    /// <summary>The task of every model.</summary>
    public EvaluationTask Task => Models[0].Evaluation.Task;

    /// <summary>The models, in the order shown.</summary>
    public IReadOnlyList<ModelReport> Models { get; }

    /// <summary>Free-text lines shown under the title (data set, command line, …).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The metric that ranks models of this task: AUC, macro accuracy or RMSE.</summary>
    public string PrimaryMetric => Task switch
    {
        EvaluationTask.BinaryClassification => MetricNames.Auc,
        EvaluationTask.MulticlassClassification => MetricNames.MacroAccuracy,
        _ => MetricNames.RootMeanSquaredError,
    };

    /// <summary>The few metrics that compare models of this task at a glance, the primary one first.</summary>
    public IReadOnlyList<string> KeyMetrics => Task switch
    {
        EvaluationTask.BinaryClassification => [MetricNames.Auc, MetricNames.Accuracy, MetricNames.F1, MetricNames.LogLossBits, MetricNames.BrierScore],
        EvaluationTask.MulticlassClassification => [MetricNames.MacroAccuracy, MetricNames.MicroAccuracy, MetricNames.MacroF1, MetricNames.LogLossNats],
        _ => [MetricNames.RootMeanSquaredError, MetricNames.MeanAbsoluteError, MetricNames.RSquared],
    };

    /// <summary>A report of cross-validations, one model each.</summary>
    public static EvaluationReport FromCrossValidation(string title, IEnumerable<(string Name, CrossValidationResult Result)> models, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        return new EvaluationReport(title, models.Select(m => new ModelReport(m.Name, m.Result.Pooled, m.Result)).ToArray(), notes);
    }

    /// <summary>A report of one evaluation.</summary>
    public static EvaluationReport FromEvaluation(string title, string modelName, IEvaluationResult evaluation, IReadOnlyList<string>? notes = null) =>
        new(title, [new ModelReport(modelName, evaluation)], notes);
}

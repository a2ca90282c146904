using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Metrics;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;
using static MLExt.Evaluation.Reports.ReportFormat;

namespace MLExt.Evaluation.Reports;

/// <summary>Lays a report out as sections of text, tables and figure names, which every writer renders the same way.</summary>
public static class ReportLayout
{
    /// <summary>The sections of <paramref name="report"/>, title first.</summary>
    public static IReadOnlyList<ReportSection> Build(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sections = new List<ReportSection>
        {
            new(report.Title, 1, [$"Task: {Task(report.Task)}. Models: {string.Join(", ", report.Models.Select(m => m.Name))}.", .. report.Notes], [], [], []),
        };
        var compared = report.Models.Where(m => m.CrossValidation is not null).ToArray();
        if (compared.Length > 1)
            sections.Add(Comparison(report, compared));
        if (report.Task == EvaluationTask.BinaryClassification)
        {
            string what = report.Models.Count == 1 && report.Models[0].CrossValidation is not null
                ? "Thin lines: each test fold; thick line: all out-of-fold predictions pooled."
                : "One line per model" + (compared.Length > 0 ? ", from its pooled out-of-fold predictions." : ".");
            sections.Add(new ReportSection("Curves", 2, [what], [], ["roc", "precision-recall", "calibration"], []));
        }
        foreach (var model in report.Models)
            sections.AddRange(ModelSections(model));
        return sections;
    }

    private static ReportSection Comparison(EvaluationReport report, ModelReport[] models)
    {
        var names = report.KeyMetrics.ToArray();
        var rows = models.Select(m => (IReadOnlyList<string>)[m.Name, .. names.Select(n => MeanSd(m.CrossValidation![n]))]).ToArray();
        var primary = models.Select(m => (m.Name, Summary: m.CrossValidation![report.PrimaryMetric])).Where(m => !double.IsNaN(m.Summary.Mean)).ToArray();
        (string Name, CrossValidation.MetricSummary Summary)? best = primary.Length == 0 ? null
            : primary[0].Summary.HigherIsBetter ? primary.MaxBy(m => m.Summary.Mean) : primary.MinBy(m => m.Summary.Mean);
        string verdict = best is null ? $"{report.PrimaryMetric} is undefined for every model."
            : $"Best {report.PrimaryMetric}: {best.Value.Name} ({Number(best.Value.Summary.Mean)}, 95% interval {Interval(best.Value.Summary.ConfidenceLow, best.Value.Summary.ConfidenceHigh)}).";
        return new ReportSection("Comparison", 2, [verdict, "Each cell: mean ± standard deviation over the folds."],
            [new ReportTable("Cross-validated metrics by model", ["Model", .. names], rows)], ["comparison"], []);
    }

    private static IEnumerable<ReportSection> ModelSections(ModelReport model)
    {
        string slug = Slug(model.Name);
        var tables = new List<ReportTable>();
        var paragraphs = new List<string>();
        var bullets = new List<string>();
        if (model.CrossValidation is { } cv)
        {
            paragraphs.Add($"Cross-validation: {Strategy(cv)}; {cv.Folds.Sum(f => f.TestRows)} held-out predictions in all.");
            tables.Add(new ReportTable("Metrics over the folds", ["Metric", "Mean", "Std", "95% interval", "Per fold", "Note"],
                cv.Summary.Select(s => (IReadOnlyList<string>)[s.Name, Number(s.Mean), Number(s.StandardDeviation),
                    Interval(s.ConfidenceLow, s.ConfidenceHigh), string.Join(" ", s.Values.Select(Number)), s.Reason ?? ""]).ToArray()));
            bullets.AddRange(cv.Warnings);
        }
        else
            bullets.AddRange(model.Evaluation.Warnings);
        tables.Add(new ReportTable(model.CrossValidation is null ? "Metrics" : "Pooled out-of-fold metrics", ["Metric", "Value", "Note"],
            model.Evaluation.Metrics.Select(m => (IReadOnlyList<string>)[m.Name, Number(m.Value), m.Reason ?? ""]).ToArray()));

        var plots = new List<string>();
        switch (model.Evaluation)
        {
            case BinaryEvaluation b:
                tables.Add(BinaryConfusionTable(b));
                tables.Add(ThresholdTable(b));
                plots.Add($"confusion-{slug}");
                break;
            case MulticlassEvaluation m:
                tables.Add(ClassTable(m));
                tables.Add(new ReportTable("Confusion matrix (rows: actual, columns: predicted)", ["", .. m.ConfusionMatrix.ClassNames],
                    m.ConfusionMatrix.Counts.Select((row, a) => (IReadOnlyList<string>)[m.ConfusionMatrix.ClassNames[a], .. row.Select(Count)]).ToArray()));
                plots.Add($"confusion-{slug}");
                plots.Add($"roc-{slug}");
                break;
            case RegressionEvaluation r:
                paragraphs.Add($"{r.Predictions.Count} residuals (label − prediction): mean {Number(r.Predictions.Count == 0 ? double.NaN : Enumerable.Range(0, r.Predictions.Count).Average(r.Predictions.Residual))}.");
                plots.Add($"residuals-{slug}");
                break;
        }
        plots.Add($"learning-{slug}");
        yield return new ReportSection($"Model: {model.Name}", 2, paragraphs, tables, plots, bullets);
    }

    private static ReportTable BinaryConfusionTable(BinaryEvaluation b) => new(
        $"Confusion matrix at threshold {Number(b.Threshold)} (rows: actual, columns: predicted)", ["", "positive", "negative"],
        [["positive", Count(b.Confusion.TruePositives), Count(b.Confusion.FalseNegatives)],
         ["negative", Count(b.Confusion.FalsePositives), Count(b.Confusion.TrueNegatives)]]);

    private static ReportTable ThresholdTable(BinaryEvaluation b)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, point) in new[] { ("best F1", b.Thresholds.BestByF1), ("best Youden's J", b.Thresholds.BestByYoudenJ), ("lowest cost (FP 1, FN 1)", b.Thresholds.Best(ThresholdCriterion.Cost)) })
        {
            if (point is null)
                continue;
            var c = point.Confusion;
            rows.Add([name, Number(point.Threshold), Number(c.Precision), Number(c.Recall), Number(c.Specificity), Number(c.F1), Number(c.YoudenJ), Count(c.FalsePositives + c.FalseNegatives)]);
        }
        return new ReportTable("Decision thresholds (positive when the decision value is greater than the threshold)",
            ["Criterion", "Threshold", "Precision", "Recall", "Specificity", "F1", "J", "Errors"], rows);
    }

    private static ReportTable ClassTable(MulticlassEvaluation m) => new("Per-class report",
        ["Class", "Precision", "Recall", "F1", "Support", "AUC (one-vs-rest)", "Log loss (nats)"],
        m.Classes.Select(c => (IReadOnlyList<string>)[c.Name, Number(c.Precision), Number(c.Recall), Number(c.F1), Count(c.Support), Number(c.Auc), Number(c.LogLoss)]).ToArray());

    private static string MeanSd(CrossValidation.MetricSummary s) =>
        double.IsNaN(s.StandardDeviation) ? Number(s.Mean) : $"{Number(s.Mean)} ± {Number(s.StandardDeviation)}";
}

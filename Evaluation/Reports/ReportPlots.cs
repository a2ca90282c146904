using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Plots;
using MLExt.Evaluation.Regression;

namespace MLExt.Evaluation.Reports;

/// <summary>The figures of a report, rendered as PNG and SVG.</summary>
/// <remarks>
/// Binary: ROC and precision–recall (per fold and pooled for one model; pooled per model when comparing), calibration,
/// a confusion heat map per model. Multiclass: a confusion heat map and one-vs-rest ROC per model. Regression:
/// residuals per model. Any task: learning curves per model whose folds kept them, and a comparison chart of the
/// primary metric when several models were cross-validated.
/// </remarks>
public static class ReportPlots
{
    /// <summary>Renders every figure of <paramref name="report"/>.</summary>
    public static IReadOnlyList<PlotImage> Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var images = new List<PlotImage>();
        bool single = report.Models.Count == 1;
        switch (report.Task)
        {
            case EvaluationTask.BinaryClassification:
                BinaryPlots(report, single, images);
                break;
            case EvaluationTask.MulticlassClassification:
                foreach (var model in report.Models)
                {
                    var e = (MulticlassEvaluation)model.Evaluation;
                    string slug = ReportFormat.Slug(model.Name);
                    images.Add(PlotRenderer.Render(MatrixPlots.ConfusionMatrix(e.ConfusionMatrix.ClassNames, e.ConfusionMatrix.Counts, $"Confusion matrix — {model.Name}"), $"confusion-{slug}"));
                    var roc = CurvePlots.Roc(e.RocCurves.Select((c, i) => (e.Classes[i].Name, c, false)));
                    roc.Title = $"One-vs-rest ROC — {model.Name}";
                    images.Add(PlotRenderer.Render(roc, $"roc-{slug}"));
                }
                break;
            default:
                foreach (var model in report.Models)
                {
                    var residuals = CurvePlots.Residuals(((RegressionEvaluation)model.Evaluation).Predictions, model.Name);
                    residuals.Title = $"Residuals — {model.Name}";
                    images.Add(PlotRenderer.Render(residuals, $"residuals-{ReportFormat.Slug(model.Name)}"));
                }
                break;
        }

        foreach (var model in report.Models)
        {
            var curves = model.CrossValidation?.Folds.Where(f => f.LearningCurve is { Points.Count: > 0 })
                .Select(f => ($"fold {f.Fold + 1}" + (model.CrossValidation.Repeats > 1 ? $".{f.Repeat + 1}" : ""), f.LearningCurve!)).ToArray();
            if (curves is { Length: > 0 })
            {
                var plot = CurvePlots.LearningCurves(curves);
                plot.Title = $"Learning curves — {model.Name}";
                images.Add(PlotRenderer.Render(plot, $"learning-{ReportFormat.Slug(model.Name)}"));
            }
        }

        var compared = report.Models.Where(m => m.CrossValidation is not null).ToArray();
        if (compared.Length > 1)
        {
            string metric = report.PrimaryMetric;
            images.Add(PlotRenderer.Render(MatrixPlots.Comparison(metric, compared.Select(m => (m.Name, m.CrossValidation![metric])).ToArray()), "comparison"));
        }
        return images;
    }

    private static void BinaryPlots(EvaluationReport report, bool single, List<PlotImage> images)
    {
        var first = report.Models[0];
        var evaluations = report.Models.Select(m => (m.Name, Evaluation: (BinaryEvaluation)m.Evaluation)).ToArray();
        if (single && first.CrossValidation is { } cv)
        {
            var folds = cv.Folds.Select(f => (Label: FoldLabel(f.Fold, f.Repeat, cv.Repeats), Evaluation: (BinaryEvaluation)f.Evaluation)).ToArray();
            var pooled = (BinaryEvaluation)first.Evaluation;
            images.Add(PlotRenderer.Render(CurvePlots.Roc(folds.Select(f => (f.Label, f.Evaluation.Roc, false)).Append(("pooled", pooled.Roc, true))), "roc"));
            images.Add(PlotRenderer.Render(CurvePlots.PrecisionRecall(folds.Select(f => (f.Label, f.Evaluation.PrecisionRecall, false)).Append(("pooled", pooled.PrecisionRecall, true))), "precision-recall"));
        }
        else
        {
            images.Add(PlotRenderer.Render(CurvePlots.Roc(evaluations.Select(e => (e.Name, e.Evaluation.Roc, true))), "roc"));
            images.Add(PlotRenderer.Render(CurvePlots.PrecisionRecall(evaluations.Select(e => (e.Name, e.Evaluation.PrecisionRecall, true))), "precision-recall"));
        }
        var calibrated = evaluations.Where(e => e.Evaluation.Calibration.Bins.Count > 0).ToArray();
        if (calibrated.Length > 0)
            images.Add(PlotRenderer.Render(CurvePlots.Calibration(calibrated.Select(e => (e.Name, e.Evaluation.Calibration))), "calibration"));
        foreach (var (name, evaluation) in evaluations)
        {
            var c = evaluation.Confusion;
            double[][] counts = [[c.TruePositives, c.FalseNegatives], [c.FalsePositives, c.TrueNegatives]];
            images.Add(PlotRenderer.Render(MatrixPlots.ConfusionMatrix(["positive", "negative"], counts, $"Confusion matrix — {name}"), $"confusion-{ReportFormat.Slug(name)}"));
        }
    }

    private static string FoldLabel(int fold, int repeat, int repeats) => repeats > 1 ? $"fold {fold + 1}.{repeat + 1}" : $"fold {fold + 1}";
}

using MLExt.Evaluation.Binary;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Regression;

namespace MLExt.Evaluation.Plots;

/// <summary>Line and scatter figures: ROC, precision–recall, calibration, learning curves, residuals.</summary>
public static class CurvePlots
{
    /// <summary>ROC curves, one line per entry (thin for folds, thick for pooled or compared models), with the chance diagonal.</summary>
    /// <param name="curves">Label, curve, and whether to draw it emphasised.</param>
    public static Figure Roc(IEnumerable<(string Label, RocCurve Curve, bool Emphasised)> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var figure = Unit("ROC curve", "False-positive rate", "True-positive rate", ReferenceLine.Diagonal);
        int index = 0;
        foreach (var (label, curve, emphasised) in curves)
        {
            var color = SeriesColor(index++, label);
            if (curve.Points.Count > 0)
                figure.Series.Add(Line($"{label} (AUC {curve.Area:0.000})", curve.Points.Select(p => p.FalsePositiveRate), curve.Points.Select(p => p.TruePositiveRate), color, emphasised));
        }
        return figure;
    }

    /// <summary>Precision–recall curves as staircases (precision at each recall until the next), one per entry.</summary>
    public static Figure PrecisionRecall(IEnumerable<(string Label, PrecisionRecallCurve Curve, bool Emphasised)> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var figure = Unit("Precision–recall curve", "Recall", "Precision", ReferenceLine.None);
        int index = 0;
        foreach (var (label, curve, emphasised) in curves)
        {
            var color = SeriesColor(index++, label);
            if (curve.Points.Count == 0)
                continue;
            var line = Line($"{label} (AP {curve.AveragePrecision:0.000})", curve.Points.Select(p => p.Recall).Prepend(0),
                curve.Points.Select(p => p.Precision).Prepend(curve.Points[0].Precision), color, emphasised);
            figure.Series.Add(new PlotSeries(line.Label, line.X, line.Y, color) { Kind = PlotSeriesKind.Step, LineWidth = line.LineWidth });
        }
        return figure;
    }

    /// <summary>The reliability diagram: observed positive rate against mean predicted probability per bin, with the ideal diagonal.</summary>
    public static Figure Calibration(IEnumerable<(string Label, CalibrationCurve Curve)> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var figure = Unit("Calibration (reliability diagram)", "Mean predicted probability", "Observed positive rate", ReferenceLine.Diagonal);
        int index = 0;
        foreach (var (label, curve) in curves)
        {
            var color = SeriesColor(index++, label);
            var bins = curve.Bins.Where(b => b.Count > 0).ToArray();
            if (bins.Length > 0)
                figure.Series.Add(new PlotSeries($"{label} (ECE {curve.ExpectedCalibrationError:0.000})", bins.Select(b => b.MeanPredicted).ToArray(),
                    bins.Select(b => b.FractionPositive).ToArray(), color) { LineWidth = EmphasisedWidth, MarkerSize = 7 });
        }
        return figure;
    }

    /// <summary>Training (solid) and validation (dashed) loss per epoch, one pair of lines per entry.</summary>
    public static Figure LearningCurves(IEnumerable<(string Label, LearningCurve Curve)> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var figure = new Figure("Learning curves", "Epoch", "Loss");
        int index = 0;
        foreach (var (label, curve) in curves)
        {
            var color = PlotPalette.Series(index++);
            figure.Series.Add(Line($"{label} training", curve.Points.Select(p => (double)p.Epoch), curve.Points.Select(p => p.TrainingLoss), color, false));
            var validated = curve.Points.Where(p => p.ValidationLoss is not null).ToArray();
            if (validated.Length > 0)
                figure.Series.Add(new PlotSeries($"{label} validation", validated.Select(p => (double)p.Epoch).ToArray(),
                    validated.Select(p => p.ValidationLoss!.Value).ToArray(), color) { Dashed = true });
        }
        return figure;
    }

    /// <summary>Residuals (label − prediction) against the prediction, with the zero line.</summary>
    public static Figure Residuals(RegressionPredictions predictions, string label)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var figure = new Figure("Residuals", "Prediction", "Residual (label − prediction)") { Reference = ReferenceLine.Zero };
        var residuals = Enumerable.Range(0, predictions.Count).Select(predictions.Residual).ToArray();
        figure.Series.Add(new PlotSeries(label ?? "", predictions.Scores.ToArray(), residuals, PlotPalette.Series(0)) { Kind = PlotSeriesKind.Points, MarkerSize = 4 });
        return figure;
    }

    private const float EmphasisedWidth = 2.5f;

    /// <summary>The i-th series' colour, the same in every figure of a report; black for the pooled curve.</summary>
    private static PlotColor SeriesColor(int index, string label) => label == "pooled" ? PlotColor.Black : PlotPalette.Series(index);

    private static PlotSeries Line(string label, IEnumerable<double> xs, IEnumerable<double> ys, PlotColor color, bool emphasised) =>
        new(label, xs.ToArray(), ys.ToArray(), color) { LineWidth = emphasised ? EmphasisedWidth : 1 };

    /// <summary>A figure of rates on both axes: 0..1 ranges, legend at the lower right.</summary>
    private static Figure Unit(string title, string x, string y, ReferenceLine reference) =>
        new(title, x, y) { XRange = AxisRange.Unit, YRange = AxisRange.Unit, Reference = reference, Legend = LegendPosition.LowerRight };
}

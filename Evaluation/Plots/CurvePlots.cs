using MLExt.Evaluation.Binary;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Regression;
using ScottPlot;

namespace MLExt.Evaluation.Plots;

/// <summary>Line and scatter figures drawn with ScottPlot: ROC, precision–recall, calibration, learning curves, residuals.</summary>
public static class CurvePlots
{
    /// <summary>ROC curves, one line per entry (thin for folds, thick for pooled or compared models), with the chance diagonal.</summary>
    /// <param name="curves">Label, curve, and whether to draw it emphasised.</param>
    public static Plot Roc(IEnumerable<(string Label, RocCurve Curve, bool Emphasised)> curves)
    {
        var plot = NewPlot("ROC curve", "False-positive rate", "True-positive rate");
        Diagonal(plot, 0, 0, 1, 1);
        int index = 0;
        foreach (var (label, curve, emphasised) in curves)
        {
            var color = SeriesColor(index++, label);
            if (curve.Points.Count == 0)
                continue;
            Line(plot, curve.Points.Select(p => p.FalsePositiveRate), curve.Points.Select(p => p.TruePositiveRate),
                $"{label} (AUC {curve.Area:0.000})", emphasised).Color = color;
        }
        return Unit(plot);
    }

    /// <summary>Precision–recall curves, one line per entry.</summary>
    public static Plot PrecisionRecall(IEnumerable<(string Label, PrecisionRecallCurve Curve, bool Emphasised)> curves)
    {
        var plot = NewPlot("Precision–recall curve", "Recall", "Precision");
        int index = 0;
        foreach (var (label, curve, emphasised) in curves)
        {
            var color = SeriesColor(index++, label);
            if (curve.Points.Count == 0)
                continue;
            var line = Line(plot, curve.Points.Select(p => p.Recall).Prepend(0), curve.Points.Select(p => p.Precision).Prepend(curve.Points[0].Precision),
                $"{label} (AP {curve.AveragePrecision:0.000})", emphasised);
            line.ConnectStyle = ConnectStyle.StepVertical;
            line.Color = color;
        }
        return Unit(plot);
    }

    /// <summary>The reliability diagram: observed positive rate against mean predicted probability per bin, with the ideal diagonal.</summary>
    public static Plot Calibration(IEnumerable<(string Label, CalibrationCurve Curve)> curves)
    {
        var plot = NewPlot("Calibration (reliability diagram)", "Mean predicted probability", "Observed positive rate");
        Diagonal(plot, 0, 0, 1, 1);
        int index = 0;
        foreach (var (label, curve) in curves)
        {
            var color = SeriesColor(index++, label);
            var bins = curve.Bins.Where(b => b.Count > 0).ToArray();
            if (bins.Length == 0)
                continue;
            var line = Line(plot, bins.Select(b => b.MeanPredicted), bins.Select(b => b.FractionPositive), $"{label} (ECE {curve.ExpectedCalibrationError:0.000})", true);
            line.MarkerSize = 7;
            line.Color = color;
        }
        return Unit(plot);
    }

    /// <summary>Training (solid) and validation (dashed) loss per epoch, one pair of lines per entry.</summary>
    public static Plot LearningCurves(IEnumerable<(string Label, LearningCurve Curve)> curves)
    {
        var plot = NewPlot("Learning curves", "Epoch", "Loss");
        int index = 0;
        foreach (var (label, curve) in curves)
        {
            var color = Palette(index++);
            var training = Line(plot, curve.Points.Select(p => (double)p.Epoch), curve.Points.Select(p => p.TrainingLoss), $"{label} training", false);
            training.Color = color;
            var validated = curve.Points.Where(p => p.ValidationLoss is not null).ToArray();
            if (validated.Length > 0)
            {
                var validation = Line(plot, validated.Select(p => (double)p.Epoch), validated.Select(p => p.ValidationLoss!.Value), $"{label} validation", false);
                validation.Color = color;
                validation.LinePattern = LinePattern.Dashed;
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Residuals (label − prediction) against the prediction, with the zero line.</summary>
    public static Plot Residuals(RegressionPredictions predictions, string label)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var plot = NewPlot("Residuals", "Prediction", "Residual (label − prediction)");
        var residuals = Enumerable.Range(0, predictions.Count).Select(predictions.Residual).ToArray();
        var points = plot.Add.ScatterPoints(predictions.Scores, residuals);
        points.MarkerSize = 4;
        points.LegendText = label;
        var zero = plot.Add.HorizontalLine(0);
        zero.LinePattern = LinePattern.Dashed;
        zero.Color = Colors.Gray;
        return plot;
    }

    internal static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    internal static Color Palette(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>The i-th series' colour, the same in every figure of a report; black for the pooled curve.</summary>
    private static Color SeriesColor(int index, string label) => label == "pooled" ? Colors.Black : Palette(index);

    private static ScottPlot.Plottables.Scatter Line(Plot plot, IEnumerable<double> xs, IEnumerable<double> ys, string label, bool emphasised)
    {
        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        line.LegendText = label;
        line.MarkerSize = 0;
        line.LineWidth = emphasised ? 2.5f : 1f;
        return line;
    }

    private static void Diagonal(Plot plot, double x1, double y1, double x2, double y2)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
    }

    private static Plot Unit(Plot plot)
    {
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}

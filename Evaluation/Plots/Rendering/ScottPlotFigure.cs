using ScottPlot;
using ScottPlot.Plottables;

namespace MLExt.Evaluation.Plots;

/// <summary>
/// Translates a <see cref="Figure"/> into a ScottPlot <see cref="Plot"/>: series, bars, heat map, reference line, axis
/// ranges, ticks and legend. ScottPlot lays it out and draws it, to PNG (SkiaSharp) and SVG alike.
/// </summary>
internal static class ScottPlotFigure
{
    private const float TitleSize = 16, LabelSize = 13, TickSize = 11, CellTextSize = 12;

    // ScottPlot's own sans-serif guess is "DejaVu Serif" on Debian; take the first installed of these, else its default.
    private static readonly string[] SansFamilies = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"];
    private static readonly Lazy<string> SansFamily = new(() =>
        SansFamilies.FirstOrDefault(f => SkiaSharp.SKFontManager.Default.FontFamilies.Contains(f)) ?? Fonts.Default);

    public static Plot Build(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var plot = new Plot();
        plot.Font.Set(SansFamily.Value);
        plot.Title(figure.Title, TitleSize);
        plot.XLabel(figure.XLabel, LabelSize);
        plot.YLabel(figure.YLabel, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;

        AddReference(plot, figure.Reference);
        if (figure.HeatMap is { } map) AddHeatMap(plot, map);
        if (figure.Bars.Count > 0) AddBars(plot, figure.Bars);
        foreach (var series in figure.Series) AddSeries(plot, series);

        if (figure.HeatMap is null && figure.Bars.Count == 0 && figure.Series.Count > 0 && figure.Series.All(s => s.X.All(IsInteger)))
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        SetLimits(plot, figure);

        bool legend = figure.Legend != LegendPosition.None && figure.Series.Any(s => s.Label.Length > 0);
        if (legend) plot.ShowLegend(figure.Legend == LegendPosition.LowerRight ? Alignment.LowerRight : Alignment.UpperRight);
        else plot.HideLegend();
        return plot;
    }

    private static void AddSeries(Plot plot, PlotSeries series)
    {
        // A non-finite point breaks the line: each finite run becomes one plottable, the first carrying the legend text.
        bool first = true;
        foreach (var (xs, ys) in FiniteRuns(series))
        {
            var scatter = plot.Add.Scatter(xs, ys, ToColor(series.Color));
            scatter.LegendText = first ? series.Label : "";
            first = false;
            scatter.LineWidth = series.Kind == PlotSeriesKind.Points ? 0 : series.LineWidth;
            scatter.LinePattern = series.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            float marker = series.Kind == PlotSeriesKind.Points && series.MarkerSize == 0 ? 4 : series.MarkerSize;
            scatter.MarkerSize = marker;
            scatter.MarkerShape = marker > 0 ? MarkerShape.FilledCircle : MarkerShape.None;
            // A staircase: from each point vertically to the next point's y, then across to its x.
            if (series.Kind == PlotSeriesKind.Step) scatter.ConnectStyle = ConnectStyle.StepVertical;
        }
    }

    private static IEnumerable<(double[] X, double[] Y)> FiniteRuns(PlotSeries series)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i <= series.X.Count; i++)
        {
            if (i < series.X.Count && double.IsFinite(series.X[i]) && double.IsFinite(series.Y[i]))
            {
                xs.Add(series.X[i]);
                ys.Add(series.Y[i]);
                continue;
            }
            if (xs.Count > 0) yield return (xs.ToArray(), ys.ToArray());
            xs.Clear();
            ys.Clear();
        }
    }

    private static void AddBars(Plot plot, IList<PlotBar> bars)
    {
        var items = new List<Bar>();
        List<double> xs = [], ys = [], above = [], below = [];
        for (int i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            if (double.IsNaN(bar.Value)) continue;
            items.Add(new Bar { Position = i, Value = bar.Value, FillColor = ToColor(bar.Color), LineWidth = 0 });
            if (!double.IsFinite(bar.ErrorLow) || !double.IsFinite(bar.ErrorHigh)) continue;
            // The interval need not be symmetric about the bar: ScottPlot's error bar takes each side separately.
            xs.Add(i);
            ys.Add(bar.Value);
            above.Add(bar.ErrorHigh - bar.Value);
            below.Add(bar.Value - bar.ErrorLow);
        }
        plot.Add.Bars(items);
        if (xs.Count > 0)
        {
            var errors = plot.Add.ErrorBar(xs, ys, above);
            errors.YErrorNegative = below;
            errors.LineColor = Colors.Black;
            errors.LineWidth = 1.5f;
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bars.Count).Select(i => (double)i)], [.. bars.Select(b => b.Label)]);
        plot.Axes.Margins(bottom: 0);
    }

    private static void AddHeatMap(Plot plot, HeatMap map)
    {
        // ScottPlot draws row 0 of the array at the top, cell (r, c) centred on x = c, y = rows − 1 − r.
        var heatmap = plot.Add.Heatmap(map.Shade);
        heatmap.Colormap = new FigureColormap();
        heatmap.ManualRange = new ScottPlot.Range(map.ScaleMin, map.ScaleMax);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = map.ScaleLabel;
        for (int r = 0; r < map.Rows; r++)
            for (int c = 0; c < map.Columns; c++)
            {
                var text = plot.Add.Text(map.Cells[r, c], c, map.Rows - 1 - r);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = CellTextSize;
                text.LabelFontColor = map.CellColor(r, c).Luminance > 0.5 ? Colors.Black : Colors.White;
            }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, map.Columns).Select(c => (double)c)], [.. map.ColumnLabels]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, map.Rows).Select(r => (double)(map.Rows - 1 - r))], [.. map.RowLabels]);
        plot.Axes.SetLimits(-0.5, map.Columns - 0.5, -0.5, map.Rows - 0.5);
        plot.HideGrid();
    }

    private static void AddReference(Plot plot, ReferenceLine reference)
    {
        var gray = ToColor(PlotColor.Gray);
        if (reference == ReferenceLine.Diagonal)
        {
            var line = plot.Add.Line(0, 0, 1, 1);
            line.LineColor = gray;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1;
        }
        else if (reference == ReferenceLine.Zero)
            plot.Add.HorizontalLine(0, width: 1, color: gray, pattern: LinePattern.Dashed);
    }

    private static void SetLimits(Plot plot, Figure figure)
    {
        if (figure.HeatMap is not null) return;
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        double bottom = limits.Bottom, top = limits.Top;
        // The zero reference is always in view; so is a bar's base.
        if (figure.Reference == ReferenceLine.Zero || figure.Bars.Count > 0)
        {
            bottom = Math.Min(bottom, 0);
            top = Math.Max(top, 0);
        }
        if (figure.XRange is { } x) plot.Axes.SetLimitsX(x.Min, x.Max);
        if (figure.YRange is { } y) plot.Axes.SetLimitsY(y.Min, y.Max);
        else plot.Axes.SetLimitsY(bottom, top);
    }

    private static bool IsInteger(double value) => !double.IsFinite(value) || value == Math.Round(value);

    private static Color ToColor(PlotColor color) => new(color.R, color.G, color.B);
}

namespace MLExt.Evaluation.Plots;

/// <summary>
/// Where everything of a <see cref="Figure"/> goes on a canvas of a given size: the plot area, the data ranges and their
/// mapping to pixels, the ticks, text positions, the legend box and the colour bar. Computed once, painted by every renderer.
/// </summary>
internal sealed class FigureLayout
{
    public const float TitleSize = 16, LabelSize = 13, TickSize = 11, LegendSize = 11;
    public const double Padding = 10, TickLength = 5, Gap = 4, LegendRow = LegendSize * 1.7, LegendSwatch = 26;
    private const double ColorBarWidth = 16, ColorBarGap = 14, DataMargin = 0.04;

    private FigureLayout(Figure figure, int width, int height)
    {
        Figure = figure;
        Width = width;
        Height = height;
    }

    public Figure Figure { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The plot area in pixels.</summary>
    public PlotRect Area { get; private set; }

    public AxisRange X { get; private set; }

    public AxisRange Y { get; private set; }

    public IReadOnlyList<AxisTick> XTicks { get; private set; } = [];

    public IReadOnlyList<AxisTick> YTicks { get; private set; } = [];

    /// <summary>Whether the axes are numeric (grid lines at ticks) rather than categories.</summary>
    public bool Grid { get; private set; }

    /// <summary>The series shown in the legend, in order.</summary>
    public IReadOnlyList<PlotSeries> LegendEntries { get; private set; } = [];

    /// <summary>The legend box, when there are entries.</summary>
    public PlotRect? Legend { get; private set; }

    /// <summary>The heat map's colour bar, when there is a heat map.</summary>
    public PlotRect? ColorBar { get; private set; }

    public IReadOnlyList<AxisTick> ColorBarTicks { get; private set; } = [];

    /// <summary>Horizontal centre of the colour bar's caption (drawn vertically).</summary>
    public double ColorBarLabelX { get; private set; }

    public double PixelX(double x) => Area.Left + (x - X.Min) / (X.Max - X.Min) * Area.Width;

    public double PixelY(double y) => Area.Bottom - (y - Y.Min) / (Y.Max - Y.Min) * Area.Height;

    /// <summary>The pixel row of colour-bar value <paramref name="value"/>.</summary>
    public double ColorBarY(double value)
    {
        var map = Figure.HeatMap!;
        var bar = ColorBar!.Value;
        return bar.Bottom - (value - map.ScaleMin) / (map.ScaleMax - map.ScaleMin) * bar.Height;
    }

    public static FigureLayout Compute(Figure figure, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var layout = new FigureLayout(figure, width, height);
        layout.ComputeAxes();
        layout.ComputeArea();
        layout.ComputeLegend();
        return layout;
    }

    private void ComputeAxes()
    {
        var figure = Figure;
        if (figure.HeatMap is { } map)
        {
            X = new AxisRange(-0.5, map.Columns - 0.5);
            Y = new AxisRange(-0.5, map.Rows - 0.5);
            XTicks = map.ColumnLabels.Select((label, c) => new AxisTick(c, label)).ToArray();
            YTicks = map.RowLabels.Select((label, r) => new AxisTick(map.Rows - 1 - r, label)).ToArray();
            ColorBarTicks = NiceTicks.Compute(map.ScaleMin, map.ScaleMax);
            return;
        }
        Grid = true;
        var xs = figure.Series.SelectMany(s => s.X).Where(double.IsFinite).ToList();
        var ys = figure.Series.SelectMany(s => s.Y).Where(double.IsFinite).ToList();
        if (figure.Bars.Count > 0)
        {
            X = new AxisRange(-0.5, figure.Bars.Count - 0.5);
            XTicks = figure.Bars.Select((bar, i) => new AxisTick(i, bar.Label)).ToArray();
            ys.Add(0);
            ys.AddRange(figure.Bars.SelectMany(b => new[] { b.Value, b.ErrorLow, b.ErrorHigh }).Where(double.IsFinite));
        }
        else
        {
            X = figure.XRange ?? Fit(xs);
            XTicks = NiceTicks.Compute(X.Min, X.Max, integers: xs.Count > 0 && xs.All(x => x == Math.Round(x)));
        }
        if (figure.Reference == ReferenceLine.Zero)
            ys.Add(0);
        Y = figure.YRange ?? Fit(ys);
        if (figure.YRange is null && figure.Bars.Count > 0 && ys.All(y => y >= 0))
            Y = Y with { Min = 0 }; // bars stand on the axis
        YTicks = NiceTicks.Compute(Y.Min, Y.Max);
    }

    /// <summary>The extent of <paramref name="values"/> widened by 4% each side (1 around a single value, 0..1 for none).</summary>
    private static AxisRange Fit(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            return AxisRange.Unit;
        double min = values.Min(), max = values.Max();
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
            return new AxisRange(min - Math.Max(1, Math.Abs(min) * 0.1), max + Math.Max(1, Math.Abs(max) * 0.1));
        double margin = (max - min) * DataMargin;
        return new AxisRange(min - margin, max + margin);
    }

    private void ComputeArea()
    {
        double yTickWidth = YTicks.Count == 0 ? 0 : YTicks.Max(t => PlotFonts.Width(t.Label, TickSize));
        double left = Padding + LabelSize * 1.3 + Gap * 2 + yTickWidth + TickLength;
        double top = Padding + (string.IsNullOrEmpty(Figure.Title) ? 0 : TitleSize * 1.5) + Gap * 2;
        double bottom = Height - Padding - LabelSize * 1.3 - Gap - TickSize * 1.3 - Gap - TickLength;
        double lastXLabel = XTicks.Count == 0 ? 0 : PlotFonts.Width(XTicks[^1].Label, TickSize) / 2;
        double right = Width - Padding - Math.Max(6, lastXLabel);
        if (Figure.HeatMap is not null)
        {
            double scaleTickWidth = ColorBarTicks.Max(t => PlotFonts.Width(t.Label, TickSize));
            right = Width - Padding - LabelSize * 1.3 - Gap * 2 - scaleTickWidth - TickLength - ColorBarWidth - ColorBarGap;
        }
        // Tiny canvases keep a one-pixel plot area rather than an inverted one.
        right = Math.Max(right, left + 1);
        bottom = Math.Max(bottom, top + 1);
        Area = new PlotRect(left, top, right, bottom);
        if (Figure.HeatMap is not null)
        {
            ColorBar = new PlotRect(right + ColorBarGap, top, right + ColorBarGap + ColorBarWidth, bottom);
            ColorBarLabelX = Width - Padding - LabelSize * 0.65;
        }
    }

    private void ComputeLegend()
    {
        if (Figure.Legend == LegendPosition.None)
            return;
        LegendEntries = Figure.Series.Where(s => s.Label.Length > 0).ToArray();
        if (LegendEntries.Count == 0)
            return;
        double textWidth = LegendEntries.Max(s => PlotFonts.Width(s.Label, LegendSize));
        double width = Gap * 2 + LegendSwatch + Gap * 2 + textWidth + Gap * 2, height = LegendEntries.Count * LegendRow + Gap * 2;
        double inset = 8, right = Area.Right - inset, left = right - width;
        double top = Figure.Legend == LegendPosition.UpperRight ? Area.Top + inset : Area.Bottom - inset - height;
        Legend = new PlotRect(left, top, right, top + height);
    }

    /// <summary>Vertical centre of the title.</summary>
    public double TitleY => Padding + TitleSize * 0.75;

    /// <summary>Vertical centre of the x axis caption.</summary>
    public double XLabelY => Height - Padding - LabelSize * 0.65;

    /// <summary>Horizontal centre of the y axis caption (drawn vertically).</summary>
    public double YLabelX => Padding + LabelSize * 0.65;

    /// <summary>Vertical centre of the x tick labels.</summary>
    public double XTickLabelY => Area.Bottom + TickLength + Gap + TickSize * 0.65;

    /// <summary>Right end of the y tick labels.</summary>
    public double YTickLabelX => Area.Left - TickLength - Gap;
}

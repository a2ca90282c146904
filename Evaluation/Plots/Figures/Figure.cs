namespace MLExt.Evaluation.Plots;

/// <summary>
/// A figure to render with <see cref="PlotRenderer"/>: a title, axis labels and ranges, line and scatter series, bars,
/// a heat map, a reference line and a legend.
/// </summary>
/// <remarks>
/// Bars take categories 0, 1, … on the x axis; a heat map takes columns on x and rows on y (row 0 at the top), each labelled
/// with its name instead of numeric ticks. Otherwise ticks are "nice" (1, 2 or 5 × 10ⁿ apart) over the axis range, which is
/// <see cref="XRange"/> / <see cref="YRange"/> when set, else the data's extent with a 4% margin.
/// </remarks>
public sealed class Figure
{
    /// <summary>An empty figure.</summary>
    public Figure(string title, string xLabel, string yLabel)
    {
        Title = title ?? "";
        XLabel = xLabel ?? "";
        YLabel = yLabel ?? "";
    }

    /// <summary>The title above the plot area.</summary>
    public string Title { get; set; }

    /// <summary>The x axis caption.</summary>
    public string XLabel { get; set; }

    /// <summary>The y axis caption.</summary>
    public string YLabel { get; set; }

    /// <summary>A fixed x range, or null to fit the data.</summary>
    public AxisRange? XRange { get; set; }

    /// <summary>A fixed y range, or null to fit the data.</summary>
    public AxisRange? YRange { get; set; }

    /// <summary>Line, step and scatter series, drawn in order.</summary>
    public IList<PlotSeries> Series { get; } = new List<PlotSeries>();

    /// <summary>Bars, one category each, drawn before the series.</summary>
    public IList<PlotBar> Bars { get; } = new List<PlotBar>();

    /// <summary>A heat map filling the plot area, or null.</summary>
    public HeatMap? HeatMap { get; set; }

    /// <summary>The guide line; none by default.</summary>
    public ReferenceLine Reference { get; set; }

    /// <summary>Where the legend of labelled series goes; upper right by default.</summary>
    public LegendPosition Legend { get; set; } = LegendPosition.UpperRight;
}

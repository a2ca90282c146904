namespace MLExt.Evaluation.Plots;

/// <summary>How a <see cref="PlotSeries"/> joins its points.</summary>
public enum PlotSeriesKind
{
    /// <summary>Straight segments from point to point.</summary>
    Line,

    /// <summary>A staircase: from each point up or down to the next point's y, then across to its x (the precision–recall step).</summary>
    Step,

    /// <summary>Unjoined markers (a scatter plot).</summary>
    Points,
}

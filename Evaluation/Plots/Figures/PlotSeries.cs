namespace MLExt.Evaluation.Plots;

/// <summary>One series of a <see cref="Figure"/>: points in data coordinates drawn as a line, a staircase or markers.</summary>
public sealed class PlotSeries
{
    /// <summary>A series of the points (<paramref name="x"/>[i], <paramref name="y"/>[i]); non-finite points are skipped (a line breaks there).</summary>
    /// <param name="label">The legend text; empty for no legend entry.</param>
    /// <param name="x">The x coordinates.</param>
    /// <param name="y">The y coordinates, as many as <paramref name="x"/>.</param>
    /// <param name="color">The colour.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    public PlotSeries(string label, IReadOnlyList<double> x, IReadOnlyList<double> y, PlotColor color)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"Series '{label}' has {x.Count} x values but {y.Count} y values; expected as many of each.", nameof(y));
        Label = label;
        X = x;
        Y = y;
        Color = color;
    }

    /// <summary>The legend text; empty for none.</summary>
    public string Label { get; }

    /// <summary>The x coordinates.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>The y coordinates.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>The colour.</summary>
    public PlotColor Color { get; }

    /// <summary>How points are joined; <see cref="PlotSeriesKind.Line"/> by default.</summary>
    public PlotSeriesKind Kind { get; init; } = PlotSeriesKind.Line;

    /// <summary>Whether the line is dashed.</summary>
    public bool Dashed { get; init; }

    /// <summary>The line width in pixels: 1 by default, 2.5 to emphasise.</summary>
    public float LineWidth { get; init; } = 1;

    /// <summary>The marker diameter in pixels; 0 (the default) for none. A <see cref="PlotSeriesKind.Points"/> series with 0 uses 4.</summary>
    public float MarkerSize { get; init; }
}

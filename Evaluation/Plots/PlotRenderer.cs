using ScottPlot;

namespace MLExt.Evaluation.Plots;

/// <summary>Renders <see cref="Figure"/>s to PNG and SVG with ScottPlot, both from one plot.</summary>
public static class PlotRenderer
{
    /// <summary>Default width in pixels.</summary>
    public const int DefaultWidth = 640;

    /// <summary>Default height in pixels.</summary>
    public const int DefaultHeight = 480;

    /// <summary>Renders <paramref name="figure"/> as a <paramref name="width"/> × <paramref name="height"/> PNG and SVG.</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="name">The file-name stem of the result.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static PlotImage Render(Figure figure, string name, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var plot = ScottPlotFigure.Build(figure);
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        return new PlotImage(name, figure.Title, png, QuietNativeStderr.Run(() => plot.GetSvgXml(width, height)));
    }
}

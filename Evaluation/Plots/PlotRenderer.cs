using ScottPlot;

namespace MLExt.Evaluation.Plots;

/// <summary>Renders ScottPlot figures to PNG and SVG.</summary>
public static class PlotRenderer
{
    /// <summary>Default width in pixels.</summary>
    public const int DefaultWidth = 640;

    /// <summary>Default height in pixels.</summary>
    public const int DefaultHeight = 480;

    /// <summary>Renders <paramref name="plot"/> as PNG and SVG.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static PlotImage Render(Plot plot, string name, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        string svg = plot.GetSvgXml(width, height);
        return new PlotImage(name, plot.Axes.Title.Label.Text, png, svg);
    }
}

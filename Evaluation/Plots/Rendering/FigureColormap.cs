using ScottPlot;

namespace MLExt.Evaluation.Plots;

/// <summary>
/// <see cref="PlotPalette.Viridis"/> as a ScottPlot colour map, so heat-map cells have exactly the colour
/// <see cref="HeatMap.CellColor"/> reports (which also picks black or white cell text).
/// </summary>
internal sealed class FigureColormap : IColormap
{
    public string Name => "viridis (MLExt)";

    public Color GetColor(double normalizedIntensity)
    {
        var color = PlotPalette.Viridis(normalizedIntensity);
        return new Color(color.R, color.G, color.B);
    }
}

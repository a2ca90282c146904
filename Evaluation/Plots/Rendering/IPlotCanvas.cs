namespace MLExt.Evaluation.Plots;

/// <summary>The drawing primitives a figure is painted with, in pixels (y down); implemented once per output format.</summary>
internal interface IPlotCanvas
{
    void FillRect(PlotRect rect, PlotColor color);

    void StrokeRect(PlotRect rect, PlotColor color, float width);

    /// <summary>An open polyline through <paramref name="points"/> (at least two).</summary>
    void Polyline(IReadOnlyList<(double X, double Y)> points, PlotColor color, float width, bool dashed);

    void FillCircle(double x, double y, double radius, PlotColor color);

    /// <summary>One line of text; (<paramref name="x"/>, <paramref name="y"/>) is the <paramref name="anchor"/> point on the line's
    /// vertical centre. <paramref name="vertical"/> turns it 90° anticlockwise about that point (reading bottom to top).</summary>
    void Text(string text, double x, double y, float size, PlotColor color, TextAnchor anchor, bool bold = false, bool vertical = false);

    /// <summary>Clips what follows to <paramref name="rect"/> until <see cref="EndClip"/>.</summary>
    void BeginClip(PlotRect rect);

    void EndClip();
}

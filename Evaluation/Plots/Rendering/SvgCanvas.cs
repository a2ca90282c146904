using System.Globalization;
using System.Text;

namespace MLExt.Evaluation.Plots;

/// <summary>Draws figure primitives as a self-contained SVG document (no scripts, no external references).</summary>
internal sealed class SvgCanvas : IPlotCanvas
{
    private readonly StringBuilder _svg = new();
    private int _clips;

    private SvgCanvas(int width, int height)
    {
        _svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height)
            .Append("\" font-family=\"").Append(PlotFonts.SvgFamily).AppendLine("\">");
    }

    /// <summary>The SVG text of <paramref name="layout"/>'s figure.</summary>
    public static string Render(FigureLayout layout)
    {
        var canvas = new SvgCanvas(layout.Width, layout.Height);
        FigurePainter.Paint(layout, canvas);
        return canvas._svg.AppendLine("</svg>").ToString();
    }

    // crispEdges, as the PNG: adjacent heat-map cells and colour-bar slices meet without anti-aliased seams.
    public void FillRect(PlotRect rect, PlotColor color) =>
        Rect(rect).Append("fill=\"").Append(color.Hex).AppendLine("\" shape-rendering=\"crispEdges\"/>");

    public void StrokeRect(PlotRect rect, PlotColor color, float width) =>
        Stroke(Rect(rect).Append("fill=\"none\" "), color, width, false).AppendLine("/>");

    public void Polyline(IReadOnlyList<(double X, double Y)> points, PlotColor color, float width, bool dashed)
    {
        _svg.Append("<polyline points=\"");
        for (int i = 0; i < points.Count; i++)
            _svg.Append(i == 0 ? "" : " ").Append(Number(points[i].X)).Append(',').Append(Number(points[i].Y));
        Stroke(_svg.Append("\" fill=\"none\" stroke-linejoin=\"round\" "), color, width, dashed).AppendLine("/>");
    }

    public void FillCircle(double x, double y, double radius, PlotColor color) =>
        _svg.Append("<circle cx=\"").Append(Number(x)).Append("\" cy=\"").Append(Number(y)).Append("\" r=\"").Append(Number(radius))
            .Append("\" fill=\"").Append(color.Hex).AppendLine("\"/>");

    public void Text(string text, double x, double y, float size, PlotColor color, TextAnchor anchor, bool bold = false, bool vertical = false)
    {
        if (string.IsNullOrEmpty(text))
            return;
        // A vertical line is drawn at the origin of a translated, rotated frame (the form the most SVG renderers understand).
        (string tx, string ty) = vertical ? ("0", "0") : (Number(x), Number(y));
        _svg.Append("<text x=\"").Append(tx).Append("\" y=\"").Append(ty).Append("\" font-size=\"").Append(Number(size))
            .Append("\" fill=\"").Append(color.Hex).Append("\" dominant-baseline=\"central\" text-anchor=\"")
            .Append(anchor switch { TextAnchor.Start => "start", TextAnchor.End => "end", _ => "middle" }).Append('"');
        if (bold)
            _svg.Append(" font-weight=\"bold\"");
        if (vertical)
            _svg.Append(" transform=\"translate(").Append(Number(x)).Append(' ').Append(Number(y)).Append(") rotate(-90)\"");
        _svg.Append('>').Append(Escape(text)).AppendLine("</text>");
    }

    public void BeginClip(PlotRect rect)
    {
        string id = "clip" + (++_clips).ToString(CultureInfo.InvariantCulture);
        _svg.Append("<defs><clipPath id=\"").Append(id).Append("\">");
        Rect(rect).AppendLine("/></clipPath></defs>");
        _svg.Append("<g clip-path=\"url(#").Append(id).AppendLine(")\">");
    }

    public void EndClip() => _svg.AppendLine("</g>");

    /// <summary>XML-escapes <paramref name="text"/> and replaces control characters, which XML 1.0 cannot hold, with spaces.</summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ when char.IsControl(c) || c is '\uFFFE' or '\uFFFF' => " ",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    private StringBuilder Rect(PlotRect rect) =>
        _svg.Append("<rect x=\"").Append(Number(rect.Left)).Append("\" y=\"").Append(Number(rect.Top)).Append("\" width=\"")
            .Append(Number(rect.Width)).Append("\" height=\"").Append(Number(rect.Height)).Append("\" ");

    private static StringBuilder Stroke(StringBuilder svg, PlotColor color, float width, bool dashed)
    {
        svg.Append("stroke=\"").Append(color.Hex).Append("\" stroke-width=\"").Append(Number(width)).Append('"');
        return dashed ? svg.Append(" stroke-dasharray=\"6 4\" ") : svg.Append(' ');
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

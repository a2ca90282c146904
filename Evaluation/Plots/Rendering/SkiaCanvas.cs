using SkiaSharp;

namespace MLExt.Evaluation.Plots;

/// <summary>Draws figure primitives with SkiaSharp onto a raster surface and encodes it as PNG.</summary>
internal sealed class SkiaCanvas : IPlotCanvas
{
    private static readonly SKPathEffect Dash = SKPathEffect.CreateDash([6, 4], 0);
    private readonly SKCanvas _canvas;

    private SkiaCanvas(SKCanvas canvas) => _canvas = canvas;

    /// <summary>The PNG image of <paramref name="layout"/>'s figure.</summary>
    public static byte[] Render(FigureLayout layout)
    {
        var info = new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {layout.Width}×{layout.Height} raster surface.");
        FigurePainter.Paint(layout, new SkiaCanvas(surface.Canvas));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    public void FillRect(PlotRect rect, PlotColor color)
    {
        // Axis-aligned fills without anti-aliasing: adjacent heat-map cells and colour-bar slices meet without seams.
        using var paint = new SKPaint { Style = SKPaintStyle.Fill, Color = Color(color), IsAntialias = false };
        _canvas.DrawRect(Rect(rect), paint);
    }

    public void StrokeRect(PlotRect rect, PlotColor color, float width)
    {
        using var paint = StrokePaint(color, width, false);
        _canvas.DrawRect(Rect(rect), paint);
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, PlotColor color, float width, bool dashed)
    {
        using var path = new SKPath();
        path.MoveTo((float)points[0].X, (float)points[0].Y);
        for (int i = 1; i < points.Count; i++)
            path.LineTo((float)points[i].X, (float)points[i].Y);
        using var paint = StrokePaint(color, width, dashed);
        _canvas.DrawPath(path, paint);
    }

    public void FillCircle(double x, double y, double radius, PlotColor color)
    {
        using var paint = new SKPaint { Style = SKPaintStyle.Fill, Color = Color(color), IsAntialias = true };
        _canvas.DrawCircle((float)x, (float)y, (float)radius, paint);
    }

    public void Text(string text, double x, double y, float size, PlotColor color, TextAnchor anchor, bool bold = false, bool vertical = false)
    {
        if (string.IsNullOrEmpty(text))
            return;
        using var paint = new SKPaint
        {
            Typeface = bold ? PlotFonts.Bold : PlotFonts.Regular,
            TextSize = size,
            Color = Color(color),
            IsAntialias = true,
            TextAlign = anchor switch { TextAnchor.Start => SKTextAlign.Left, TextAnchor.End => SKTextAlign.Right, _ => SKTextAlign.Center },
        };
        var metrics = paint.FontMetrics;
        // Baseline below the centre by half the ascent-to-descent height (Ascent is negative).
        float baseline = (float)y - (metrics.Ascent + metrics.Descent) / 2;
        _canvas.Save();
        if (vertical)
            _canvas.RotateDegrees(-90, (float)x, (float)y);
        _canvas.DrawText(text, (float)x, baseline, paint);
        _canvas.Restore();
    }

    public void BeginClip(PlotRect rect)
    {
        _canvas.Save();
        _canvas.ClipRect(Rect(rect));
    }

    public void EndClip() => _canvas.Restore();

    private static SKPaint StrokePaint(PlotColor color, float width, bool dashed) => new()
    {
        Style = SKPaintStyle.Stroke,
        StrokeWidth = width,
        Color = Color(color),
        IsAntialias = true,
        StrokeJoin = SKStrokeJoin.Round,
        PathEffect = dashed ? Dash : null,
    };

    private static SKColor Color(PlotColor color) => new(color.R, color.G, color.B);

    private static SKRect Rect(PlotRect rect) => new((float)rect.Left, (float)rect.Top, (float)rect.Right, (float)rect.Bottom);
}

using SkiaSharp;

namespace MLExt.Evaluation.Plots;

/// <summary>The figure font (DejaVu Sans where installed, else Skia's default) and text widths for layout.</summary>
internal static class PlotFonts
{
    /// <summary>The font-family list SVG output asks for: the PNG's font first, then common sans-serif fallbacks.</summary>
    public const string SvgFamily = "DejaVu Sans, Verdana, Arial, sans-serif";

    private const string Family = "DejaVu Sans";
    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load(SKFontStyle.Bold));

    public static SKTypeface Regular => LazyRegular.Value;

    public static SKTypeface Bold => LazyBold.Value;

    /// <summary>The advance width of <paramref name="text"/> at <paramref name="size"/> pixels; 0.6 em per character when no font is available.</summary>
    public static double Width(string text, float size, bool bold = false)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        using var paint = new SKPaint { Typeface = bold ? Bold : Regular, TextSize = size };
        double width = paint.MeasureText(text);
        return width > 0 ? width : 0.6 * size * text.Length;
    }

    private static SKTypeface Load(SKFontStyle style) => SKTypeface.FromFamilyName(Family, style) ?? SKTypeface.Default;
}

using System.Globalization;

namespace MLExt.Evaluation.Plots;

/// <summary>An opaque RGB colour of a figure.</summary>
/// <param name="R">Red, 0..255.</param>
/// <param name="G">Green, 0..255.</param>
/// <param name="B">Blue, 0..255.</param>
public readonly record struct PlotColor(byte R, byte G, byte B)
{
    /// <summary>Black.</summary>
    public static PlotColor Black => new(0, 0, 0);

    /// <summary>White.</summary>
    public static PlotColor White => new(255, 255, 255);

    /// <summary>Mid grey, for reference lines.</summary>
    public static PlotColor Gray => new(128, 128, 128);

    /// <summary>Light grey, for grid lines.</summary>
    public static PlotColor LightGray => new(225, 225, 225);

    /// <summary>The colour as <c>#rrggbb</c>.</summary>
    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <summary>Relative luminance 0.2126 R + 0.7152 G + 0.0722 B, in 0..1 (sRGB channels taken as linear): picks readable text on a fill.</summary>
    public double Luminance => (0.2126 * R + 0.7152 * G + 0.0722 * B) / 255;

    /// <summary>The colour a fraction <paramref name="t"/> (clamped to 0..1) of the way from <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static PlotColor Lerp(PlotColor a, PlotColor b, double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        static byte Mix(byte x, byte y, double t) => (byte)Math.Round(x + (y - x) * t);
        return new PlotColor(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));
    }
}

namespace MLExt.Evaluation.Plots;

/// <summary>Colours for series (Category10, as in matplotlib and d3) and for heat maps (viridis).</summary>
public static class PlotPalette
{
    private static readonly PlotColor[] Category = [
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28), new(0x94, 0x67, 0xbd),
        new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22), new(0x17, 0xbe, 0xcf)];

    // viridis sampled at t = 0, 1/8, ..., 1; linear interpolation in between.
    private static readonly PlotColor[] ViridisStops = [
        new(0x44, 0x01, 0x54), new(0x47, 0x2d, 0x7b), new(0x3b, 0x52, 0x8b), new(0x2c, 0x72, 0x8e), new(0x21, 0x91, 0x8c),
        new(0x28, 0xae, 0x80), new(0x5e, 0xc9, 0x62), new(0xad, 0xdc, 0x30), new(0xfd, 0xe7, 0x25)];

    /// <summary>The <paramref name="index"/>-th series colour, cycling through ten.</summary>
    public static PlotColor Series(int index) => Category[((index % Category.Length) + Category.Length) % Category.Length];

    /// <summary>The viridis colour at <paramref name="t"/> (clamped to 0..1; NaN is 0): dark purple at 0, yellow at 1.</summary>
    public static PlotColor Viridis(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        double position = t * (ViridisStops.Length - 1);
        int low = Math.Min((int)position, ViridisStops.Length - 2);
        return PlotColor.Lerp(ViridisStops[low], ViridisStops[low + 1], position - low);
    }
}

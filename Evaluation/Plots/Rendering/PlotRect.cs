namespace MLExt.Evaluation.Plots;

/// <summary>A rectangle in pixels, y growing downwards.</summary>
internal readonly record struct PlotRect(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public double CenterX => (Left + Right) / 2;

    public double CenterY => (Top + Bottom) / 2;
}

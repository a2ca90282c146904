namespace MLExt.Evaluation.Plots;

/// <summary>The data interval an axis shows.</summary>
/// <param name="Min">The value at the axis' start.</param>
/// <param name="Max">The value at its end; greater than <paramref name="Min"/>.</param>
public readonly record struct AxisRange(double Min, double Max)
{
    /// <summary>0..1 with a 2% margin, so lines on 0 and 1 stay visible: for rates and probabilities.</summary>
    public static AxisRange Unit => new(-0.02, 1.02);
}

using System.Globalization;

namespace MLExt.Evaluation.Plots;

/// <summary>Tick values 1, 2 or 5 × 10ⁿ apart covering a range, labelled with as many decimals as the step needs.</summary>
internal static class NiceTicks
{
    /// <summary>About <paramref name="intervals"/> + 1 ticks inside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="min">The range's start.</param>
    /// <param name="max">The range's end, greater than <paramref name="min"/>.</param>
    /// <param name="intervals">The number of intervals aimed at.</param>
    /// <param name="integers">Whether only whole numbers make sense (epochs): the step is at least 1.</param>
    public static IReadOnlyList<AxisTick> Compute(double min, double max, int intervals = 5, bool integers = false)
    {
        double step = Step((max - min) / intervals);
        if (integers)
            step = Math.Max(step, 1);
        string format = "F" + Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9)).ToString(CultureInfo.InvariantCulture);
        var ticks = new List<AxisTick>();
        for (long i = (long)Math.Ceiling(min / step - 1e-9); i * step <= max + step * 1e-9; i++)
        {
            double value = i * step; // i = 0 gives +0, never "-0"
            ticks.Add(new AxisTick(value, value.ToString(format, CultureInfo.InvariantCulture)));
        }
        return ticks;
    }

    /// <summary>The nice number (1, 2, 5 or 10 × 10ⁿ) nearest <paramref name="raw"/>.</summary>
    internal static double Step(double raw)
    {
        if (!(raw > 0) || double.IsInfinity(raw))
            return 1;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * magnitude;
    }
}

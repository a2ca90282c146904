namespace MLExt.Tests.Neural;

/// <summary>
/// Compares an analytic gradient with central finite differences of a scalar objective computed in
/// float32 (accumulated in double). The error is max_i |aᵢ − nᵢ| / max(max|a|, max|n|, 1e-3), which must
/// stay below the tolerance (1e-2 by default). Coordinates where the objective has a kink within ±ε (ReLU
/// at 0, |d| at 0…) are recognised from the objective alone — its one-sided slopes differ by more than
/// 2·tolerance·scale, which a smooth function with ε = 1e-3 never does — and skipped; at most a tenth of
/// the coordinates (or one) may be skipped, so the check cannot quietly become empty.
/// </summary>
internal static class GradientCheck
{
    public const double DefaultEpsilon = 1e-3;
    public const double DefaultTolerance = 1e-2;

    /// <summary>
    /// Nudges <paramref name="values"/>[i] for i &lt; <paramref name="analytic"/>.Length by ±ε, evaluates
    /// <paramref name="objective"/>, restores the value, and asserts that the central differences match
    /// <paramref name="analytic"/>. Returns the number of coordinates skipped as kinks.
    /// </summary>
    public static int AssertMatches(string what, float[] values, ReadOnlySpan<float> analytic, Func<double> objective,
        double epsilon = DefaultEpsilon, double tolerance = DefaultTolerance)
    {
        int count = analytic.Length;
        if (count == 0) return 0;
        double center = objective();
        var numeric = new double[count];
        var gap = new double[count];
        double scale = 1e-3;
        for (int i = 0; i < count; i++)
        {
            float x = values[i];
            float plus = (float)(x + epsilon), minus = (float)(x - epsilon);
            values[i] = plus;
            double above = objective();
            values[i] = minus;
            double below = objective();
            values[i] = x;
            double stepUp = (double)plus - x, stepDown = (double)x - minus;
            numeric[i] = (above - below) / (stepUp + stepDown);
            gap[i] = Math.Abs((above - center) / stepUp - (center - below) / stepDown);
            Assert.True(double.IsFinite(numeric[i]), $"{what}: the objective is not finite around coordinate {i}.");
            scale = Math.Max(scale, Math.Max(Math.Abs(numeric[i]), Math.Abs(analytic[i])));
        }

        // Across a kink the central difference is off by half the one-sided gap, so larger gaps cannot be judged.
        double kinkGap = 2 * tolerance * scale;
        int skipped = 0, worst = -1;
        double worstError = 0;
        for (int i = 0; i < count; i++)
        {
            Assert.True(float.IsFinite(analytic[i]), $"{what}: analytic gradient {i} is {analytic[i]}.");
            if (gap[i] > kinkGap) { skipped++; continue; }
            double error = Math.Abs(analytic[i] - numeric[i]) / scale;
            if (error > worstError) (worstError, worst) = (error, i);
        }
        Assert.True(skipped <= Math.Max(1, count / 10), $"{what}: {skipped} of {count} coordinates look like kinks; the check would be empty.");
        Assert.True(worstError < tolerance,
            $"{what}: gradient error {worstError:G3} ≥ {tolerance:G3} at coordinate {worst}: analytic {(worst < 0 ? 0 : analytic[worst]):G6}, " +
            $"numeric {(worst < 0 ? 0 : numeric[worst]):G6} (scale {scale:G3}, {skipped} kink(s) skipped).");
        return skipped;
    }
}

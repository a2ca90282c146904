using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>The standard normal distribution in double precision, for TPE's kernels and GP's expected improvement.</summary>
internal static class NormalDistribution
{
    private const double LogSqrtTwoPi = 0.91893853320467274178;

    /// <summary>φ(z) = exp(−z²/2) / √(2π).</summary>
    public static double Pdf(double z) => Math.Exp(-0.5 * z * z - LogSqrtTwoPi);

    /// <summary>log φ(z).</summary>
    public static double LogPdf(double z) => -0.5 * z * z - LogSqrtTwoPi;

    /// <summary>Φ(z) = erfc(−z/√2)/2.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>erfc(x), with a fractional error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes' erfcc).</summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>A standard normal draw in double precision (Box–Muller from two uniforms; no cached spare).</summary>
    public static double Sample(RandomSource random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>log Σ exp(values), computed stably; −∞ for an empty or all −∞ input.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}

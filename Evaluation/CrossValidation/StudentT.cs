namespace MLExt.Evaluation.CrossValidation;

/// <summary>Quantiles of Student's t distribution, for confidence intervals of a mean over folds.</summary>
internal static class StudentT
{
    /// <summary>The two-sided critical value t such that P(|T| ≤ t) = <paramref name="confidence"/> with <paramref name="degreesOfFreedom"/>.</summary>
    public static double TwoSidedCritical(double confidence, int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1)
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "At least one degree of freedom is needed.");
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence must lie in (0, 1).");
        // P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2): solve for t by bisection on x = ν/(ν+t²), which the tail decreases with.
        double tail = 1 - confidence, nu = degreesOfFreedom;
        double lo = 0, hi = 1;
        for (int i = 0; i < 200; i++)
        {
            double mid = (lo + hi) / 2;
            if (RegularizedIncompleteBeta(mid, nu / 2, 0.5) < tail)
                lo = mid;
            else
                hi = mid;
        }
        double x = (lo + hi) / 2;
        return Math.Sqrt(nu * (1 - x) / x);
    }

    /// <summary>I_x(a, b) by the continued fraction of Numerical Recipes (Lentz's method).</summary>
    internal static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0)
            return 0;
        if (x >= 1)
            return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        if (x < (a + 1) / (a + b + 2))
            return front * ContinuedFraction(x, a, b) / a;
        return 1 - front * ContinuedFraction(1 - x, b, a) / b;
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = Math.Abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 500; m++)
        {
            // Even step: m(b − m)x / ((a + 2m − 1)(a + 2m)); odd step: −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d; d = Math.Abs(d) < tiny ? tiny : d; d = 1 / d;
            c = 1 + even / c; c = Math.Abs(c) < tiny ? tiny : c;
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d; d = Math.Abs(d) < tiny ? tiny : d; d = 1 / d;
            c = 1 + odd / c; c = Math.Abs(c) < tiny ? tiny : c;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
                break;
        }
        return h;
    }

    /// <summary>ln Γ(x) by the Lanczos approximation (g = 7, 9 terms), accurate to about 1e-15 for x &gt; 0.</summary>
    internal static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < c.Length; i++)
            sum += c[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}

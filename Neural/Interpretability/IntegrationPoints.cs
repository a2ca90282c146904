namespace MLExt.Neural;

/// <summary>The points alpha in [0, 1] and weights of an <see cref="IntegrationRule"/>; the weights sum to 1.</summary>
public static class IntegrationPoints
{
    /// <summary>The <paramref name="steps"/> points and weights of <paramref name="rule"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one step (two for the trapezoid).</exception>
    public static (double[] Alphas, double[] Weights) Of(IntegrationRule rule, int steps)
    {
        int least = rule == IntegrationRule.RiemannTrapezoid ? 2 : 1;
        if (steps < least)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"{rule} needs at least {least} steps.");
        var alphas = new double[steps];
        var weights = new double[steps];
        if (rule == IntegrationRule.GaussLegendre)
        {
            GaussLegendre(steps, alphas, weights);
            return (alphas, weights);
        }
        for (int i = 0; i < steps; i++)
        {
            (alphas[i], weights[i]) = rule switch
            {
                IntegrationRule.RiemannLeft => ((double)i / steps, 1.0 / steps),
                IntegrationRule.RiemannRight => ((i + 1.0) / steps, 1.0 / steps),
                IntegrationRule.RiemannMiddle => ((i + 0.5) / steps, 1.0 / steps),
                // Trapezoid: half weight at both ends of n-1 intervals.
                _ => ((double)i / (steps - 1), (i == 0 || i == steps - 1 ? 0.5 : 1.0) / (steps - 1)),
            };
        }
        return (alphas, weights);
    }

    // Nodes are the roots of the Legendre polynomial P_n, found by Newton's method from Chebyshev guesses, mapped from
    // [-1, 1] to [0, 1]; weight w = 2 / ((1 - x^2) P_n'(x)^2), halved by the map.
    private static void GaussLegendre(int n, double[] alphas, double[] weights)
    {
        for (int i = 0; i < n; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                (double p, double dp) = Legendre(n, x);
                derivative = dp;
                double step = p / dp;
                x -= step;
                if (Math.Abs(step) < 1e-15) break;
            }
            (_, derivative) = Legendre(n, x);
            alphas[n - 1 - i] = (x + 1) / 2;
            weights[n - 1 - i] = 1 / ((1 - x * x) * derivative * derivative);
        }
    }

    // P_n(x) and P_n'(x) by the three-term recurrence (k+1) P_{k+1} = (2k+1) x P_k - k P_{k-1}.
    private static (double P, double Derivative) Legendre(int n, double x)
    {
        double previous = 1, current = x;
        for (int k = 1; k < n; k++)
        {
            double next = ((2 * k + 1) * x * current - k * previous) / (k + 1);
            previous = current;
            current = next;
        }
        if (n == 0) return (1, 0);
        return (current, n * (x * current - previous) / (x * x - 1));
    }
}

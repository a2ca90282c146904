namespace MLExt.AutoML;

/// <summary>
/// A zero-mean Gaussian process on standardised targets with a Matérn 5/2 kernel with one length
/// scale per dimension (ARD): k(x, x′) = σ²(1 + √5·r + 5r²/3)·exp(−√5·r), r² = Σⱼ ((xⱼ − x′ⱼ)/ℓⱼ)²,
/// and observation noise σ²·λ. The amplitude σ² is profiled out of the marginal likelihood in closed
/// form (σ̂² = yᵀ(R + λI)⁻¹y / n), so only ℓ and λ are searched.
/// </summary>
internal sealed class GaussianProcess
{
    private static readonly double Sqrt5 = Math.Sqrt(5);
    private readonly double[][] _x;
    private readonly double[] _inverseScales;
    private readonly double[] _l;
    private readonly double[] _alpha;
    private readonly int _n;

    private GaussianProcess(double[][] x, double[] lengthScales, double[] l, double[] alpha, double amplitude, double logLikelihood)
    {
        _x = x;
        _inverseScales = lengthScales.Select(l => 1 / l).ToArray();
        _l = l;
        _alpha = alpha;
        _n = x.Length;
        Amplitude = amplitude;
        LogMarginalLikelihood = logLikelihood;
    }

    /// <summary>The profiled amplitude σ̂².</summary>
    public double Amplitude { get; }

    /// <summary>The profiled log marginal likelihood −n/2·log σ̂² − Σ log Lᵢᵢ − n/2·(1 + log 2π).</summary>
    public double LogMarginalLikelihood { get; }

    /// <summary>Fits the process to rows <paramref name="x"/> and targets <paramref name="y"/>; null when R + λI is not positive definite.</summary>
    public static GaussianProcess? Fit(double[][] x, double[] y, double[] lengthScales, double noise)
    {
        int n = x.Length;
        var l = new double[n * n];
        var inverseScales = lengthScales.Select(s => 1 / s).ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) l[i * n + j] = Correlation(x[i], x[j], inverseScales);
            l[i * n + i] = 1 + noise;
        }
        if (!Cholesky.Decompose(l, n)) return null;
        var alpha = (double[])y.Clone();
        Cholesky.SolveLower(l, n, alpha);
        double quadratic = 0;
        foreach (var v in alpha) quadratic += v * v;
        Cholesky.SolveUpper(l, n, alpha);
        double amplitude = Math.Max(quadratic / n, 1e-12);
        double logDet = 0;
        for (int i = 0; i < n; i++) logDet += Math.Log(l[i * n + i]);
        double logLikelihood = -0.5 * n * Math.Log(amplitude) - logDet - 0.5 * n * (1 + Math.Log(2 * Math.PI));
        return new GaussianProcess(x, lengthScales, l, alpha, amplitude, logLikelihood);
    }

    /// <summary>The posterior mean and standard deviation of the latent function at <paramref name="point"/>.</summary>
    public (double Mean, double StdDev) Predict(ReadOnlySpan<double> point, Span<double> scratch)
    {
        var k = scratch[.._n];
        double mean = 0;
        for (int i = 0; i < _n; i++)
        {
            k[i] = Correlation(point, _x[i], _inverseScales);
            mean += k[i] * _alpha[i];
        }
        Cholesky.SolveLower(_l, _n, k);
        double explained = 0;
        foreach (var v in k) explained += v * v;
        return (mean, Math.Sqrt(Amplitude * Math.Max(1 - explained, 1e-12)));
    }

    /// <summary>The Matérn 5/2 correlation (1 + √5r + 5r²/3)·exp(−√5r).</summary>
    private static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double[] inverseScales)
    {
        double r2 = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double d = (a[j] - b[j]) * inverseScales[j];
            r2 += d * d;
        }
        double r = Math.Sqrt(r2);
        return (1 + Sqrt5 * r + 5.0 / 3.0 * r2) * Math.Exp(-Sqrt5 * r);
    }
}

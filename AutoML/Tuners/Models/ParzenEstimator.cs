using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// TPE's density for one numeric parameter in its unit coordinate [0, 1]: a weighted mixture of normal
/// kernels truncated to [0, 1], one per observation plus a wide prior N(0.5, 1) as the last kernel.
/// Bandwidths adapt per kernel: the larger gap to its sorted neighbours, clipped to
/// [1/min(100, n + 1), 1] (Bergstra et al. 2011; Optuna's defaults: no endpoint gaps, "magic clip").
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly double[] _mus;
    private readonly double[] _sigmas;
    private readonly double[] _logSigmas;
    private readonly double[] _logMasses;

    /// <param name="observations">Unit coordinates of the observations.</param>
    /// <param name="weights">Their weights (not normalised).</param>
    /// <param name="priorWeight">The prior kernel's weight.</param>
    public ParzenEstimator(ReadOnlySpan<double> observations, ReadOnlySpan<double> weights, double priorWeight)
    {
        int n = observations.Length + 1;
        _mus = new double[n];
        observations.CopyTo(_mus);
        _mus[n - 1] = 0.5;
        _sigmas = Bandwidths(_mus);
        _sigmas[n - 1] = 1.0;
        Mixture = new KernelMixture(weights, priorWeight);
        _logSigmas = new double[n];
        _logMasses = new double[n];
        for (int i = 0; i < n; i++)
        {
            _logSigmas[i] = Math.Log(_sigmas[i]);
            _logMasses[i] = Math.Log(Mass(i, 0, 1));
        }
    }

    /// <summary>The kernels' weights.</summary>
    public KernelMixture Mixture { get; }

    /// <summary>A draw from the mixture.</summary>
    public double Sample(RandomSource random) => SampleKernel(Mixture.Pick(random), random);

    /// <summary>A draw from kernel <paramref name="k"/>'s truncated normal (by rejection; its mass on [0, 1] is at least about a third).</summary>
    public double SampleKernel(int k, RandomSource random)
    {
        while (true)
        {
            double x = _mus[k] + _sigmas[k] * NormalDistribution.Sample(random);
            if (x >= 0 && x <= 1) return x;
        }
    }

    /// <summary>log p(x): the log density of the mixture at <paramref name="x"/>.</summary>
    public double LogDensity(double x)
    {
        var terms = new double[_mus.Length];
        AddKernelLogDensities(x, terms);
        return Mixture.LogSum(terms);
    }

    /// <summary>Adds each kernel's log density at <paramref name="x"/> to <paramref name="into"/>.</summary>
    public void AddKernelLogDensities(double x, Span<double> into)
    {
        for (int i = 0; i < _mus.Length; i++)
            into[i] += NormalDistribution.LogPdf((x - _mus[i]) / _sigmas[i]) - _logSigmas[i] - _logMasses[i];
    }

    /// <summary>log P(a ≤ x ≤ b): the log probability of the bin [a, b] (integer parameters).</summary>
    public double LogProbability(double a, double b)
    {
        var terms = new double[_mus.Length];
        AddKernelLogProbabilities(a, b, terms);
        return Mixture.LogSum(terms);
    }

    /// <summary>Adds each kernel's log probability of the bin [a, b] to <paramref name="into"/>.</summary>
    public void AddKernelLogProbabilities(double a, double b, Span<double> into)
    {
        for (int i = 0; i < _mus.Length; i++)
            into[i] += Math.Log(Math.Max(Mass(i, a, b), 1e-300)) - _logMasses[i];
    }

    private double Mass(int i, double a, double b)
        => NormalDistribution.Cdf((b - _mus[i]) / _sigmas[i]) - NormalDistribution.Cdf((a - _mus[i]) / _sigmas[i]);

    /// <summary>σᵢ = max(gap to the left neighbour, gap to the right) among the sorted means with 0 and 1 as ends; the outermost use their inner gap only; clipped.</summary>
    private static double[] Bandwidths(double[] mus)
    {
        int n = mus.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => mus[i]).ThenBy(i => i).ToArray();
        var ends = new double[n + 2];
        ends[0] = 0;
        ends[n + 1] = 1;
        for (int i = 0; i < n; i++) ends[i + 1] = mus[order[i]];
        var sorted = new double[n];
        for (int i = 0; i < n; i++) sorted[i] = Math.Max(ends[i + 1] - ends[i], ends[i + 2] - ends[i + 1]);
        if (n + 2 >= 4)
        {
            sorted[0] = ends[2] - ends[1];
            sorted[n - 1] = ends[n] - ends[n - 1];
        }
        double min = 1.0 / Math.Min(100.0, 1.0 + n);
        var sigmas = new double[n];
        for (int i = 0; i < n; i++) sigmas[order[i]] = Math.Clamp(sorted[i], min, 1.0);
        return sigmas;
    }
}

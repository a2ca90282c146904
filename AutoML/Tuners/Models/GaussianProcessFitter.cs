namespace MLExt.AutoML;

/// <summary>
/// Chooses a Gaussian process's length scales and noise by maximising the profiled marginal likelihood:
/// a grid over one shared length scale and the noise ratio, then coordinate-wise sweeps that scale each
/// dimension's length scale (ARD) and the noise by fixed factors while the likelihood improves. The
/// previous fit's hyperparameters, when given, are a second starting point.
/// </summary>
internal static class GaussianProcessFitter
{
    private static readonly double[] SharedScales = [0.05, 0.08, 0.12, 0.18, 0.27, 0.4, 0.6, 0.9, 1.4, 2.0];
    private static readonly double[] Noises = [1e-6, 1e-4, 1e-3, 1e-2, 1e-1];
    private static readonly double[] Factors = [0.5, 0.7, 1.4, 2.0];
    private const double MinScale = 0.01, MaxScale = 20, MinNoise = 1e-6, MaxNoise = 1;

    /// <summary>The best-fitting process, with its length scales and noise.</summary>
    public static (GaussianProcess Process, double[] LengthScales, double Noise) Fit(double[][] x, double[] y, int sweeps, double[]? previousScales, double previousNoise)
    {
        int d = x[0].Length;
        GaussianProcess? best = null;
        double[] bestScales = [];
        double bestNoise = 0;

        void Try(double[] scales, double noise)
        {
            var process = GaussianProcess.Fit(x, y, scales, noise);
            if (process is null || (best is not null && process.LogMarginalLikelihood <= best.LogMarginalLikelihood)) return;
            best = process;
            bestScales = scales;
            bestNoise = noise;
        }

        foreach (var scale in SharedScales)
            foreach (var noise in Noises)
                Try(Enumerable.Repeat(scale, d).ToArray(), noise);
        if (previousScales is not null) Try(previousScales, previousNoise);
        // The largest noise always gives a positive-definite matrix; keep a fit even for degenerate data.
        if (best is null) Try(Enumerable.Repeat(1.0, d).ToArray(), MaxNoise);

        for (int sweep = 0; sweep < sweeps; sweep++)
        {
            double before = best!.LogMarginalLikelihood;
            for (int j = 0; j < d; j++)
            {
                var start = bestScales;
                foreach (var factor in Factors)
                {
                    var scales = (double[])start.Clone();
                    scales[j] = Math.Clamp(scales[j] * factor, MinScale, MaxScale);
                    if (scales[j] != start[j]) Try(scales, bestNoise);
                }
            }
            double noiseStart = bestNoise;
            foreach (var factor in new[] { 0.1, 10.0 })
            {
                double noise = Math.Clamp(noiseStart * factor, MinNoise, MaxNoise);
                if (noise != noiseStart) Try(bestScales, noise);
            }
            if (best.LogMarginalLikelihood - before < 1e-3) break;
        }
        return (best!, bestScales, bestNoise);
    }
}

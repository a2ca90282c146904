using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// Bayesian optimisation with a Gaussian-process surrogate: after a few random trials, a GP with a
/// Matérn 5/2 ARD kernel (length scales and noise chosen by maximum marginal likelihood) is fitted to
/// the standardised losses over the unit cube, and the next trial maximises expected improvement,
/// EI(x) = (y* − μ − ξ)Φ(z) + σφ(z), z = (y* − μ − ξ)/σ, over random candidates, candidates near the
/// best trials, and a local refinement of the most promising ones. Integer and choice coordinates are
/// snapped to their bin centres and inactive conditional coordinates to 0.5 before scoring, so the
/// surrogate sees exactly the points that can be proposed. Failed trials and trials still running count
/// as the worst loss so far (the latter as a "constant liar", so parallel proposals spread out).
/// </summary>
public sealed class BayesianTuner : ITuner
{
    private readonly SearchSpace _space;
    private readonly BayesianOptions _options;
    private readonly RandomSource _random;
    private readonly TrialLedger _ledger = new();
    private readonly int _startup;
    private double[]? _scales;
    private double _noise;

    /// <summary>Creates a Gaussian-process tuner over <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public BayesianTuner(SearchSpace space, int seed, BayesianOptions? options = null)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _options = options ?? new BayesianOptions();
        _options.Validate();
        _random = new RandomSource(seed);
        _startup = _options.StartupTrials ?? Math.Max(5, 2 * (space.Dimension + 1));
    }

    /// <inheritdoc />
    public string Name => "bayes";

    /// <inheritdoc />
    public TrialSuggestion Propose()
    {
        var scored = _ledger.Finished.Where(o => o.HasLoss).OrderBy(o => o.Id).ToList();
        Parameters point = scored.Count < _startup || _space.Dimension == 0
            ? _space.Decode(RandomUnit())
            : Suggest(scored);
        return _ledger.Add(new TrialSuggestion(_ledger.NextId, point, null));
    }

    /// <inheritdoc />
    public bool ShouldPrune(int trialId, int step, double value) => false;

    /// <inheritdoc />
    public void Report(TrialOutcome outcome) => _ledger.Complete(outcome);

    private Parameters Suggest(List<TrialOutcome> scored)
    {
        double worst = scored.Max(o => o.Loss);
        var points = scored.Select(o => (o.Parameters, o.Loss))
            .Concat(_ledger.Finished.Where(o => !o.HasLoss).OrderBy(o => o.Id).Select(o => (o.Parameters, worst)))
            .Concat(_ledger.Pending.OrderBy(s => s.Id).Select(s => (s.Parameters, worst)))
            .ToList();
        var x = points.Select(p => _space.Encode(p.Parameters)).ToArray();
        var y = points.Select(p => p.Item2).ToArray();
        double mean = y.Average();
        double std = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / y.Length);
        if (!(std > 1e-12)) std = 1;
        for (int i = 0; i < y.Length; i++) y[i] = (y[i] - mean) / std;
        double incumbent = (scored.Min(o => o.Loss) - mean) / std;

        var (process, scales, noise) = GaussianProcessFitter.Fit(x, y, _options.HyperparameterSweeps, _scales, _noise);
        (_scales, _noise) = (scales, noise);
        var scratch = new double[x.Length];
        double Score(double[] u)
        {
            var (mu, sigma) = process.Predict(u, scratch);
            return ExpectedImprovement(incumbent - mu - _options.Xi, sigma);
        }

        var candidates = new List<(double[] Unit, double Score)>();
        for (int c = 0; c < _options.RandomCandidates; c++)
        {
            var u = Snap(RandomUnit());
            candidates.Add((u, Score(u)));
        }
        var best = scored.OrderBy(o => o.Loss).ThenBy(o => o.Id).Take(5).Select(o => _space.Encode(o.Parameters)).ToArray();
        for (int c = 0; c < _options.LocalCandidates; c++)
        {
            var centre = best[c % best.Length];
            var u = new double[centre.Length];
            for (int j = 0; j < u.Length; j++) u[j] = Math.Clamp(centre[j] + 0.1 * Math.Min(scales[j], 1) * NormalDistribution.Sample(_random), 0, 1);
            u = Snap(u);
            candidates.Add((u, Score(u)));
        }
        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        var winner = candidates[0];
        foreach (var (start, startScore) in candidates.Take(_options.RefinedCandidates))
        {
            var refined = Refine(start, startScore, Score);
            if (refined.Score > winner.Score) winner = refined;
        }
        return _space.Decode(winner.Unit);
    }

    /// <summary>A shrinking-step random local search from <paramref name="start"/> that keeps only improvements.</summary>
    private (double[] Unit, double Score) Refine(double[] start, double startScore, Func<double[], double> score)
    {
        var current = start;
        double currentScore = startScore, step = 0.05;
        int failures = 0;
        for (int s = 0; s < _options.RefinementSteps; s++)
        {
            var u = new double[current.Length];
            for (int j = 0; j < u.Length; j++) u[j] = Math.Clamp(current[j] + step * NormalDistribution.Sample(_random), 0, 1);
            u = Snap(u);
            double value = score(u);
            if (value > currentScore)
            {
                (current, currentScore) = (u, value);
                failures = 0;
            }
            else if (++failures == 5)
            {
                step *= 0.5;
                failures = 0;
            }
        }
        return (current, currentScore);
    }

    /// <summary>EI for improvement margin <paramref name="gain"/> = y* − μ − ξ and posterior deviation <paramref name="sigma"/>.</summary>
    private static double ExpectedImprovement(double gain, double sigma)
    {
        double z = gain / sigma;
        return gain * NormalDistribution.Cdf(z) + sigma * NormalDistribution.Pdf(z);
    }

    private double[] Snap(double[] unit)
    {
        _space.Snap(unit);
        return unit;
    }

    private double[] RandomUnit()
    {
        var unit = new double[_space.Dimension];
        for (int i = 0; i < unit.Length; i++) unit[i] = _random.NextDouble();
        return unit;
    }
}

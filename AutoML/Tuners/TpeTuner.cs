using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// Tree-structured Parzen estimator (Bergstra et al. 2011), following Optuna's implementation; two defaults
/// differ from Optuna's (<see cref="TpeOptions"/>: multivariate, γ = 0.2). After
/// <see cref="TpeOptions.StartupTrials"/> random trials, finished trials are split by loss into a good
/// group (the best ⌈γ·n⌉, at most <see cref="TpeOptions.MaxGoodTrials"/>) and a bad group; the parameters get
/// Parzen densities l(x) over the good trials and g(x) over the bad ones (adaptive-bandwidth truncated normals for
/// numbers, a smoothed categorical for choices, both with a prior), built only from the trials where a parameter
/// was active, so conditional parameters are modelled within their branch. The unconditional parameters are
/// modelled jointly when <see cref="TpeOptions.Multivariate"/> (the default), the others one at a time; each
/// density draws <see cref="TpeOptions.Candidates"/> candidates from l and keeps the one maximising l(x)/g(x), which
/// maximises expected improvement. Failed trials and trials still running join the bad group (the
/// running ones as a "constant liar", so parallel proposals spread out).
/// </summary>
public sealed class TpeTuner : ITuner
{
    private readonly SearchSpace _space;
    private readonly TpeOptions _options;
    private readonly RandomSource _random;
    private readonly TrialLedger _ledger = new();

    /// <summary>Creates a TPE tuner over <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TpeTuner(SearchSpace space, int seed, TpeOptions? options = null)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _options = options ?? new TpeOptions();
        _options.Validate();
        _random = new RandomSource(seed);
    }

    /// <inheritdoc />
    public string Name => "tpe";

    /// <inheritdoc />
    public TrialSuggestion Propose()
    {
        var ranked = _ledger.Finished.Where(o => o.HasLoss)
            .OrderBy(o => o.Status == TrialStatus.Pruned ? 1 : 0).ThenBy(o => o.Loss).ThenBy(o => o.Id)
            .Select(o => (o.Id, o.Parameters)).ToList();
        Parameters point;
        if (ranked.Count < _options.StartupTrials)
        {
            var unit = new double[_space.Dimension];
            for (int i = 0; i < unit.Length; i++) unit[i] = _random.NextDouble();
            point = _space.Decode(unit);
        }
        else
        {
            int good = Math.Min((int)Math.Ceiling(_options.Gamma * ranked.Count), _options.MaxGoodTrials);
            var bad = ranked.Skip(good)
                .Concat(_ledger.Finished.Where(o => !o.HasLoss).Select(o => (o.Id, o.Parameters)))
                .Concat(_ledger.Pending.Select(s => (s.Id, s.Parameters)));
            point = Sample(Chronological(ranked.Take(good)), Chronological(bad));
        }
        return _ledger.Add(new TrialSuggestion(_ledger.NextId, point, null));
    }

    /// <inheritdoc />
    public bool ShouldPrune(int trialId, int step, double value) => false;

    /// <inheritdoc />
    public void Report(TrialOutcome outcome) => _ledger.Complete(outcome);

    private static List<Parameters> Chronological(IEnumerable<(int Id, Parameters Parameters)> trials)
        => trials.OrderBy(t => t.Id).Select(t => t.Parameters).ToList();

    private Parameters Sample(List<Parameters> good, List<Parameters> bad)
    {
        var chosen = new Dictionary<string, object>(StringComparer.Ordinal);
        var descriptors = _space.Descriptors;
        if (_options.Multivariate)
        {
            var unconditional = descriptors.Where(d => d.Condition is null).ToArray();
            if (unconditional.Length > 1) SampleGroup(unconditional, good, bad, chosen);
        }
        var point = new List<KeyValuePair<string, object>>();
        foreach (var d in descriptors)
        {
            if (d.Condition is { } c && !(chosen.TryGetValue(c.Parameter, out var parent) && c.IsSatisfiedBy(parent))) continue;
            if (!chosen.ContainsKey(d.Name)) SampleGroup([d], good, bad, chosen);
            point.Add(new(d.Name, chosen[d.Name]));
        }
        return new Parameters(point);
    }

    /// <summary>
    /// Draws <see cref="TpeOptions.Candidates"/> joint values of <paramref name="group"/> from l (a kernel,
    /// then each parameter from that kernel) and keeps the one maximising log l(x) − log g(x). The densities
    /// use the trials where every parameter of the group is active.
    /// </summary>
    private void SampleGroup(ParameterDescriptor[] group, List<Parameters> good, List<Parameters> bad, Dictionary<string, object> chosen)
    {
        var goodTrials = good.Where(p => group.All(d => p.Contains(d.Name))).ToList();
        var badTrials = bad.Where(p => group.All(d => p.Contains(d.Name))).ToList();
        double[] goodWeights = Weights(goodTrials.Count), badWeights = Weights(badTrials.Count);
        var dimensions = group.Select(d => new TpeDimension(d,
            goodTrials.Select(p => p[d.Name]).ToList(), goodWeights,
            badTrials.Select(p => p[d.Name]).ToList(), badWeights, _options.PriorWeight)).ToArray();
        var l = dimensions[0].Good;
        var g = dimensions[0].Bad;
        var goodLog = new double[l.Count];
        var badLog = new double[g.Count];
        object[]? best = null;
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < _options.Candidates; c++)
        {
            int kernel = l.Pick(_random);
            var values = new object[dimensions.Length];
            Array.Clear(goodLog);
            Array.Clear(badLog);
            for (int j = 0; j < dimensions.Length; j++)
            {
                values[j] = dimensions[j].SampleGood(kernel, _random);
                dimensions[j].AddGood(values[j], goodLog);
                dimensions[j].AddBad(values[j], badLog);
            }
            double score = l.LogSum(goodLog) - g.LogSum(badLog);
            if (best is null || score > bestScore)
            {
                best = values;
                bestScore = score;
            }
        }
        for (int j = 0; j < group.Length; j++) chosen[group[j].Name] = best![j];
    }

    /// <summary>Optuna's weights for n trials in chronological order: 1, except that beyond the newest 25 they ramp linearly from 1/n up to 1.</summary>
    private double[] Weights(int n)
    {
        var weights = new double[n];
        const int flat = 25;
        for (int i = 0; i < n; i++)
            weights[i] = !_options.RampOldTrialWeights || n <= flat || i >= n - flat
                ? 1.0
                : 1.0 / n + (1 - 1.0 / n) * (n - flat == 1 ? 0 : (double)i / (n - flat - 1));
        return weights;
    }
}

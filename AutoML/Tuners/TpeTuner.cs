using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// Tree-structured Parzen estimator (Bergstra et al. 2011), as Optuna runs it by default. After
/// <see cref="TpeOptions.StartupTrials"/> random trials, finished trials are split by loss into a good
/// group (the best ⌈γ·n⌉, at most 25) and a bad group; each parameter gets a Parzen density l(x) over
/// the good trials and g(x) over the bad ones (adaptive-bandwidth truncated normals for numbers, a
/// smoothed categorical for choices, both with a prior), built only from the trials where the parameter
/// was active, so conditional parameters are modelled within their branch. Each parameter draws
/// <see cref="TpeOptions.Candidates"/> candidates from l and keeps the one maximising l(x)/g(x), which
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
        var chosen = new List<KeyValuePair<string, object>>();
        var active = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var d in _space.Descriptors)
        {
            if (d.Condition is { } c && !(active.TryGetValue(c.Parameter, out var parent) && c.IsSatisfiedBy(parent))) continue;
            object value = d.Kind == ParameterKind.Choice ? SampleChoice(d, good, bad) : SampleNumber(d, good, bad);
            active[d.Name] = value;
            chosen.Add(new(d.Name, value));
        }
        return new Parameters(chosen);
    }

    private object SampleNumber(ParameterDescriptor d, List<Parameters> good, List<Parameters> bad)
    {
        var (goodX, goodW) = Observations(d, good, v => d.Encode(v));
        var (badX, badW) = Observations(d, bad, v => d.Encode(v));
        var l = new ParzenEstimator(goodX, goodW, _options.PriorWeight);
        var g = new ParzenEstimator(badX, badW, _options.PriorWeight);
        object best = d.Default;
        double bestScore = double.NegativeInfinity;
        for (int k = 0; k < _options.Candidates; k++)
        {
            double x = l.Sample(_random);
            object value = d.Decode(x);
            double score;
            if (d.Kind == ParameterKind.Int)
            {
                var (a, b) = d.UnitBin((int)value);
                score = l.LogProbability(a, b) - g.LogProbability(a, b);
            }
            else
            {
                score = l.LogDensity(x) - g.LogDensity(x);
            }
            if (score > bestScore)
            {
                bestScore = score;
                best = value;
            }
        }
        return best;
    }

    private object SampleChoice(ParameterDescriptor d, List<Parameters> good, List<Parameters> bad)
    {
        var (goodC, goodW) = Observations(d, good, v => d.IndexOf((string)v));
        var (badC, badW) = Observations(d, bad, v => d.IndexOf((string)v));
        var l = new CategoricalParzenEstimator(goodC, goodW, d.Choices.Count, _options.PriorWeight);
        var g = new CategoricalParzenEstimator(badC, badW, d.Choices.Count, _options.PriorWeight);
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int k = 0; k < _options.Candidates; k++)
        {
            int c = l.Sample(_random);
            double score = l.LogProbability(c) - g.LogProbability(c);
            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }
        return d.Choices[best];
    }

    /// <summary>The values of <paramref name="d"/> in the trials where it is active, with Optuna's weights (oldest ramped down beyond the newest 25).</summary>
    private (T[] Values, double[] Weights) Observations<T>(ParameterDescriptor d, List<Parameters> trials, Func<object, T> map)
    {
        var values = new List<T>();
        foreach (var p in trials)
            if (p.TryGetValue(d.Name, out var v)) values.Add(map(v));
        int n = values.Count;
        var weights = new double[n];
        const int flat = 25;
        for (int i = 0; i < n; i++)
            weights[i] = !_options.RampOldTrialWeights || n <= flat || i >= n - flat
                ? 1.0
                : 1.0 / n + (1 - 1.0 / n) * (n - flat == 1 ? 0 : (double)i / (n - flat - 1));
        return (values.ToArray(), weights);
    }
}

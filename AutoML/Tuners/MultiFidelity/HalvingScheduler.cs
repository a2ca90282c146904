using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// Runs successive-halving brackets without ever blocking <see cref="ITuner.Propose"/>: a promotion
/// waiting in any open bracket comes first (oldest bracket first), then a new random configuration for
/// the oldest bracket whose first rung is not full, and when every open bracket is waiting for results,
/// a new bracket opens. Run one trial at a time, brackets therefore complete in order; run in parallel,
/// later brackets start while earlier ones wait. Shared by <see cref="SuccessiveHalvingTuner"/> and
/// <see cref="HyperbandTuner"/>, which differ in the shape of their brackets.
/// </summary>
internal sealed class HalvingScheduler
{
    private readonly SearchSpace _space;
    private readonly RandomSource _random;
    private readonly Func<int, HalvingBracket> _openBracket;
    private readonly List<HalvingBracket> _brackets = [];
    private readonly TrialLedger _ledger = new();

    /// <param name="space">The search space.</param>
    /// <param name="seed">Seeds the random configurations.</param>
    /// <param name="openBracket">Builds bracket number i.</param>
    public HalvingScheduler(SearchSpace space, int seed, Func<int, HalvingBracket> openBracket)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _random = new RandomSource(seed);
        _openBracket = openBracket;
    }

    public TrialSuggestion Propose()
    {
        int id = _ledger.NextId;
        var promoting = _brackets.FirstOrDefault(b => b.HasPromotion);
        if (promoting is not null) return _ledger.Add(promoting.Promote(id));
        var open = _brackets.FirstOrDefault(b => b.WantsNewConfiguration);
        if (open is null)
        {
            open = _openBracket(_brackets.Count);
            _brackets.Add(open);
        }
        var unit = new double[_space.Dimension];
        for (int i = 0; i < unit.Length; i++) unit[i] = _random.NextDouble();
        return _ledger.Add(open.Start(id, _space.Decode(unit)));
    }

    public void Report(TrialOutcome outcome)
    {
        var suggestion = _ledger.Complete(outcome);
        _brackets[suggestion.Bracket!.Value].Record(suggestion.Rung!.Value, outcome);
    }

    /// <summary>Bracket sizes for Hyperband's bracket s (s + 1 rungs, starting at rung s_max − s of the budget ladder).</summary>
    public static HalvingBracket Bracket(int index, int s, IReadOnlyList<int> budgets, int eta)
    {
        int sMax = budgets.Count - 1;
        int n = (int)Math.Ceiling((sMax + 1.0) / (s + 1) * Math.Pow(eta, s));
        var sizes = new int[s + 1];
        var rungBudgets = new int[s + 1];
        for (int i = 0; i <= s; i++)
        {
            sizes[i] = Math.Max(1, (int)Math.Floor(n / Math.Pow(eta, i)));
            rungBudgets[i] = budgets[sMax - s + i];
        }
        return new HalvingBracket(index, sizes, rungBudgets);
    }
}

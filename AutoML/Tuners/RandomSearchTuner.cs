using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>Random search: every trial is a uniform point of the unit cube, decoded by the search space.</summary>
public sealed class RandomSearchTuner : ITuner
{
    private readonly SearchSpace _space;
    private readonly RandomSource _random;
    private readonly TrialLedger _ledger = new();

    /// <summary>Creates a random search over <paramref name="space"/>; the same seed gives the same points.</summary>
    public RandomSearchTuner(SearchSpace space, int seed)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _random = new RandomSource(seed);
    }

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public TrialSuggestion Propose()
    {
        var unit = new double[_space.Dimension];
        for (int i = 0; i < unit.Length; i++) unit[i] = _random.NextDouble();
        return _ledger.Add(new TrialSuggestion(_ledger.NextId, _space.Decode(unit), null));
    }

    /// <inheritdoc />
    public bool ShouldPrune(int trialId, int step, double value) => false;

    /// <inheritdoc />
    public void Report(TrialOutcome outcome) => _ledger.Complete(outcome);
}

namespace MLExt.AutoML;

/// <summary>
/// Hyperband (Li et al. 2018) with epochs as the budget: cycles through successive-halving brackets
/// s = s_max, …, 0, where s_max + 1 is the number of budget levels MinBudget·η^k up to MaxBudget.
/// Bracket s starts ⌈(s_max + 1)/(s + 1)·η^s⌉ random configurations at level s_max − s and keeps the best
/// 1/η at each level, so the most aggressive bracket tries many configurations briefly and the last
/// trains a few for the full budget. Trials carry their <see cref="TrialSuggestion.Budget"/>,
/// <see cref="TrialSuggestion.Bracket"/> and <see cref="TrialSuggestion.Rung"/>; a promoted configuration
/// is a new trial with a larger budget. <see cref="ShouldPrune"/> always answers false.
/// </summary>
public sealed class HyperbandTuner : ITuner
{
    private readonly HalvingScheduler _scheduler;

    /// <summary>Creates Hyperband over <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget options are invalid.</exception>
    public HyperbandTuner(SearchSpace space, int seed, MultiFidelityOptions? options = null)
    {
        options ??= new MultiFidelityOptions();
        var budgets = options.RungBudgets();
        int eta = options.ReductionFactor, sMax = budgets.Count - 1;
        _scheduler = new HalvingScheduler(space, seed, index => HalvingScheduler.Bracket(index, sMax - index % (sMax + 1), budgets, eta));
    }

    /// <inheritdoc />
    public string Name => "hyperband";

    /// <inheritdoc />
    public TrialSuggestion Propose() => _scheduler.Propose();

    /// <inheritdoc />
    public bool ShouldPrune(int trialId, int step, double value) => false;

    /// <inheritdoc />
    public void Report(TrialOutcome outcome) => _scheduler.Report(outcome);
}

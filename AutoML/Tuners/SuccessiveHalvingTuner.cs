namespace MLExt.AutoML;

/// <summary>
/// Successive halving (Jamieson and Talwalkar 2016) with epochs as the budget: a bracket starts η^s
/// random configurations at <see cref="MultiFidelityOptions.MinBudget"/> epochs (s + 1 budget levels
/// MinBudget·η^k up to MaxBudget); when all have reported, the best 1/η run again with η times the
/// budget, until the survivors train for <see cref="MultiFidelityOptions.MaxBudget"/>. Each trial's
/// <see cref="TrialSuggestion.Budget"/> says its epochs (a promoted configuration is a new trial that
/// trains from scratch with the larger budget); brackets repeat while trials are asked for.
/// <see cref="ShouldPrune"/> always answers false: the budgets do the pruning.
/// </summary>
public sealed class SuccessiveHalvingTuner : ITuner
{
    private readonly HalvingScheduler _scheduler;

    /// <summary>Creates successive halving over <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget options are invalid.</exception>
    public SuccessiveHalvingTuner(SearchSpace space, int seed, MultiFidelityOptions? options = null)
    {
        options ??= new MultiFidelityOptions();
        var budgets = options.RungBudgets();
        int eta = options.ReductionFactor;
        _scheduler = new HalvingScheduler(space, seed, index => HalvingScheduler.Bracket(index, budgets.Count - 1, budgets, eta));
    }

    /// <inheritdoc />
    public string Name => "halving";

    /// <inheritdoc />
    public TrialSuggestion Propose() => _scheduler.Propose();

    /// <inheritdoc />
    public bool ShouldPrune(int trialId, int step, double value) => false;

    /// <inheritdoc />
    public void Report(TrialOutcome outcome) => _scheduler.Report(outcome);
}

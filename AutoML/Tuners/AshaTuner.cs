namespace MLExt.AutoML;

/// <summary>
/// Asynchronous successive halving (Li et al. 2020) as a pruner, with epochs as the budget: every trial
/// is proposed for <see cref="MultiFidelityOptions.MaxBudget"/> epochs and reports its intermediate loss
/// after each epoch through <see cref="ShouldPrune"/>. At each rung, MinBudget·η^k epochs below MaxBudget,
/// the trial's loss joins that rung's record and the trial continues only if it ranks within the best
/// 1/η of the losses recorded there so far (while fewer than η are recorded, only if it is the best),
/// so no trial ever waits for others. Configurations come from a sampler tuner (random search by
/// default; a <see cref="TpeTuner"/> makes it model-based), which also receives every outcome.
/// </summary>
public sealed class AshaTuner : ITuner
{
    private readonly ITuner _sampler;
    private readonly int _maxBudget;
    private readonly int _eta;
    private readonly int[] _rungs;
    private readonly List<double>[] _rungLosses;
    private readonly Dictionary<int, int> _nextRung = [];

    /// <summary>Creates ASHA over <paramref name="space"/>.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="seed">Seeds the default random sampler.</param>
    /// <param name="options">Budgets and η; defaults when null.</param>
    /// <param name="sampler">Proposes configurations; a <see cref="RandomSearchTuner"/> with <paramref name="seed"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The budget options are invalid.</exception>
    public AshaTuner(SearchSpace space, int seed, MultiFidelityOptions? options = null, ITuner? sampler = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        options ??= new MultiFidelityOptions();
        var budgets = options.RungBudgets();
        _rungs = budgets.Take(budgets.Count - 1).ToArray();
        _rungLosses = _rungs.Select(_ => new List<double>()).ToArray();
        _maxBudget = options.MaxBudget;
        _eta = options.ReductionFactor;
        _sampler = sampler ?? new RandomSearchTuner(space, seed);
    }

    /// <inheritdoc />
    public string Name => "asha";

    /// <summary>The epochs at which <see cref="ShouldPrune"/> decides (rungs below the maximum budget).</summary>
    public IReadOnlyList<int> RungBudgets => _rungs;

    /// <inheritdoc />
    public TrialSuggestion Propose()
    {
        var s = _sampler.Propose();
        _nextRung.Add(s.Id, 0);
        return s with { Budget = _maxBudget };
    }

    /// <summary>
    /// Records the intermediate loss <paramref name="value"/> of trial <paramref name="trialId"/> after
    /// <paramref name="step"/> epochs at every rung the trial has reached and not yet passed, and answers
    /// true (stop) if it is not promotable at one of them. A NaN or infinite loss stops the trial.
    /// </summary>
    /// <exception cref="ArgumentException">The trial is not running.</exception>
    public bool ShouldPrune(int trialId, int step, double value)
    {
        if (!_nextRung.TryGetValue(trialId, out int rung))
            throw new ArgumentException($"Trial {trialId} is not running (never proposed, or already reported).", nameof(trialId));
        if (!double.IsFinite(value)) return true;
        for (; rung < _rungs.Length && _rungs[rung] <= step; rung++)
        {
            var losses = _rungLosses[rung];
            losses.Add(value);
            _nextRung[trialId] = rung + 1;
            if (!Promotable(value, losses)) return true;
        }
        return false;
    }

    /// <inheritdoc />
    public void Report(TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!_nextRung.ContainsKey(outcome.Id))
            throw new ArgumentException($"Trial {outcome.Id} is not running (never proposed, or already reported).", nameof(outcome));
        _sampler.Report(outcome);
        _nextRung.Remove(outcome.Id);
    }

    /// <summary>Within the best ⌊n/η⌋ of the rung's n losses (the best one while n &lt; η).</summary>
    private bool Promotable(double value, List<double> losses)
    {
        var sorted = losses.Order().ToArray();
        int index = Math.Max(sorted.Length / _eta - 1, 0);
        return value <= sorted[index];
    }
}

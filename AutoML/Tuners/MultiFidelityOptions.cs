namespace MLExt.AutoML;

/// <summary>Budgets of the multi-fidelity tuners (successive halving, Hyperband, ASHA); the budget is epochs.</summary>
public sealed class MultiFidelityOptions
{
    /// <summary>The smallest budget a trial gets (epochs at the first rung). Default 1.</summary>
    public int MinBudget { get; set; } = 1;

    /// <summary>The largest budget, the full training length. Default 27.</summary>
    public int MaxBudget { get; set; } = 27;

    /// <summary>The reduction factor η: each rung keeps the best 1/η and multiplies the budget by η. Default 3.</summary>
    public int ReductionFactor { get; set; } = 3;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">MinBudget &lt; 1, MaxBudget &lt; MinBudget, or ReductionFactor &lt; 2.</exception>
    public void Validate()
    {
        if (MinBudget < 1) throw new ArgumentOutOfRangeException(nameof(MinBudget), MinBudget, "The minimum budget is at least one epoch.");
        if (MaxBudget < MinBudget) throw new ArgumentOutOfRangeException(nameof(MaxBudget), MaxBudget, $"The maximum budget must be at least MinBudget ({MinBudget}).");
        if (ReductionFactor < 2) throw new ArgumentOutOfRangeException(nameof(ReductionFactor), ReductionFactor, "The reduction factor η must be at least 2.");
    }

    /// <summary>The rung budgets: MinBudget·η^k below MaxBudget, then MaxBudget.</summary>
    public IReadOnlyList<int> RungBudgets()
    {
        Validate();
        var budgets = new List<int>();
        for (long b = MinBudget; b < MaxBudget; b *= ReductionFactor) budgets.Add((int)b);
        budgets.Add(MaxBudget);
        return budgets;
    }
}

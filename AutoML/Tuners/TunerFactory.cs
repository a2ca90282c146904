namespace MLExt.AutoML;

/// <summary>Creates tuners by name, as the CLI's <c>--tuner</c> option and the experiment's options name them.</summary>
public static class TunerFactory
{
    private static readonly Dictionary<string, Func<SearchSpace, int, MultiFidelityOptions, ITuner>> Creators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["random"] = (space, seed, _) => new RandomSearchTuner(space, seed),
        ["grid"] = (space, seed, _) => new GridSearchTuner(space, seed),
        ["tpe"] = (space, seed, _) => new TpeTuner(space, seed),
        ["bayes"] = (space, seed, _) => new BayesianTuner(space, seed),
        ["halving"] = (space, seed, budget) => new SuccessiveHalvingTuner(space, seed, budget),
        ["hyperband"] = (space, seed, budget) => new HyperbandTuner(space, seed, budget),
        ["asha"] = (space, seed, budget) => new AshaTuner(space, seed, budget),
    };

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Creators.Keys.ToArray();

    /// <summary>Creates the tuner <paramref name="name"/> over <paramref name="space"/> with <paramref name="seed"/>.</summary>
    /// <param name="name">A tuner name (see <see cref="Names"/>), case-insensitive.</param>
    /// <param name="space">The search space.</param>
    /// <param name="seed">The seed; the same seed and the same calls give the same proposals.</param>
    /// <param name="budget">Budgets of the multi-fidelity tuners; defaults when null; ignored by the others.</param>
    /// <exception cref="ArgumentException">Unknown tuner name.</exception>
    public static ITuner Create(string name, SearchSpace space, int seed, MultiFidelityOptions? budget = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (name is null || !Creators.TryGetValue(name, out var create))
            throw new ArgumentException($"Unknown tuner '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
        return create(space, seed, budget ?? new MultiFidelityOptions());
    }
}

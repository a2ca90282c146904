using System.Diagnostics;

namespace MLExt.AutoML;

/// <summary>
/// A trial handed out by <see cref="Study.Ask"/>: the parameters to evaluate, and the place to report intermediate values and ask
/// whether to stop. It is heartbeated (in a shared study) until it is told to its study.
/// </summary>
public sealed class StudyTrial
{
    private readonly Func<int, double, bool> _shouldPrune;
    private readonly List<double> _intermediate = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    internal StudyTrial(Study study, TrialSuggestion suggestion, int seed, Func<int, double, bool> shouldPrune)
    {
        Study = study;
        Id = suggestion.Id;
        Parameters = suggestion.Parameters;
        Budget = suggestion.Budget;
        Seed = seed;
        _shouldPrune = shouldPrune;
    }

    /// <summary>The trial's number in the study (0, 1, … in proposal order, unique across workers).</summary>
    public int Id { get; }

    /// <summary>The parameters to evaluate.</summary>
    public Parameters Parameters { get; }

    /// <summary>The budget (steps) a multi-fidelity tuner gives this trial, or null for the full one.</summary>
    public int? Budget { get; }

    /// <summary>The trial's seed (<see cref="TrialSeeds.For"/>), for an objective that draws random numbers.</summary>
    public int Seed { get; }

    internal Study Study { get; }

    internal IReadOnlyList<double> IntermediateLosses => _intermediate;

    internal TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// Records the objective's value after step <paramref name="step"/> (1, 2, … in turn), in the direction of the study's metric.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not the next one, or the value is not finite.</exception>
    public void Report(int step, double value)
    {
        if (step != _intermediate.Count + 1)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Trial {Id} reports step {_intermediate.Count + 1} next.");
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Trial {Id}'s value at step {step} must be finite.");
        _intermediate.Add(Study.ToLoss(value));
    }

    /// <summary>
    /// Whether the tuner stops this trial at its last reported step (multi-fidelity tuners decide at their rungs, on the values
    /// of every worker's trials; others answer false). Then tell it with <see cref="Study.TellPruned"/>.
    /// </summary>
    public bool ShouldPrune() => _intermediate.Count > 0 && _shouldPrune(_intermediate.Count, _intermediate[^1]);
}

namespace MLExt.AutoML;

/// <summary>A trial proposed by a tuner.</summary>
/// <param name="Id">The trial's id: 0, 1, 2, … in proposal order.</param>
/// <param name="Parameters">The point of the search space to evaluate.</param>
/// <param name="Budget">The epochs to train for; null for the full (user-chosen) budget.</param>
public sealed record TrialSuggestion(int Id, Parameters Parameters, int? Budget)
{
    /// <summary>The multi-fidelity bracket the trial belongs to (Hyperband); null otherwise.</summary>
    public int? Bracket { get; init; }

    /// <summary>The multi-fidelity rung of the trial (0 = smallest budget); null otherwise.</summary>
    public int? Rung { get; init; }
}

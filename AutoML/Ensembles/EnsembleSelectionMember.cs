namespace MLExt.AutoML;

/// <summary>A trial in an ensemble from <see cref="EnsembleSelection"/>.</summary>
/// <param name="TrialId">The trial.</param>
/// <param name="Picks">How many greedy steps chose it.</param>
/// <param name="Weight">Its share of the ensemble's average (picks / size).</param>
public sealed record EnsembleSelectionMember(int TrialId, int Picks, double Weight);

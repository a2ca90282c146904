namespace MLExt.AutoML;

/// <summary>A finished trial, as reported to a tuner.</summary>
/// <param name="Id">The id of the <see cref="TrialSuggestion"/>.</param>
/// <param name="Parameters">The parameters that were evaluated.</param>
/// <param name="Budget">The budget (epochs) the trial was proposed with; null for full.</param>
/// <param name="Loss">The loss, lower is better; for a pruned trial the last intermediate loss; NaN for a failed trial.</param>
/// <param name="Status">Completed, pruned or failed.</param>
public sealed record TrialOutcome(int Id, Parameters Parameters, int? Budget, double Loss, TrialStatus Status)
{
    /// <summary>A completed trial with loss <paramref name="loss"/> for <paramref name="suggestion"/>.</summary>
    public static TrialOutcome Completed(TrialSuggestion suggestion, double loss)
        => new(suggestion.Id, suggestion.Parameters, suggestion.Budget, loss, TrialStatus.Completed);

    /// <summary>A failed trial (loss NaN) for <paramref name="suggestion"/>.</summary>
    public static TrialOutcome Failed(TrialSuggestion suggestion)
        => new(suggestion.Id, suggestion.Parameters, suggestion.Budget, double.NaN, TrialStatus.Failed);

    /// <summary>A pruned trial for <paramref name="suggestion"/> with its last intermediate loss.</summary>
    public static TrialOutcome Pruned(TrialSuggestion suggestion, double lastLoss)
        => new(suggestion.Id, suggestion.Parameters, suggestion.Budget, lastLoss, TrialStatus.Pruned);

    /// <summary>Whether the loss can be compared: a finite loss of a trial that did not fail.</summary>
    public bool HasLoss => Status != TrialStatus.Failed && double.IsFinite(Loss);
}

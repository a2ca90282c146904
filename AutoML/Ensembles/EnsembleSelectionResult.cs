using Microsoft.ML;

namespace MLExt.AutoML;

/// <summary>
/// The ensemble built from an experiment's finished trials by greedy selection with replacement (Caruana et al. 2004), beside
/// the best single trial, both scored on the same held-out predictions (out-of-fold with cross-validation).
/// </summary>
/// <remarks>
/// The ensemble's figure is measured on the predictions it was selected on, as auto-sklearn reports it, so it is optimistic by the
/// selection; cross-validate <see cref="Model"/> (or the members' configurations) for an unbiased comparison.
/// </remarks>
public sealed class EnsembleSelectionResult
{
    internal EnsembleSelectionResult(IReadOnlyList<EnsembleSelectionMember> members, double metric, int bestTrialId, double bestTrialMetric,
        IReadOnlyList<double> trajectory, int rows)
    {
        Members = members;
        Metric = metric;
        BestTrialId = bestTrialId;
        BestTrialMetric = bestTrialMetric;
        Trajectory = trajectory;
        Rows = rows;
    }

    /// <summary>The selected trials with how often each was picked and its weight (picks / ensemble size).</summary>
    public IReadOnlyList<EnsembleSelectionMember> Members { get; }

    /// <summary>The experiment's metric of the ensemble's averaged predictions.</summary>
    public double Metric { get; }

    /// <summary>The trial with the best metric on the same predictions.</summary>
    public int BestTrialId { get; }

    /// <summary>That trial's metric on the same predictions.</summary>
    public double BestTrialMetric { get; }

    /// <summary>The ensemble's metric after each greedy step (the ensemble kept is the best prefix).</summary>
    public IReadOnlyList<double> Trajectory { get; }

    /// <summary>The rows the predictions cover.</summary>
    public int Rows { get; }

    /// <summary>The ensemble refitted on all the data (a weighted soft-voting or averaging ensemble of the members' configurations), or null.</summary>
    public ITransformer? Model { get; internal set; }

    /// <summary>Why <see cref="Model"/> is null when the search itself succeeded (a member could not be refitted or combined), or null.</summary>
    public string? ModelError { get; internal set; }
}

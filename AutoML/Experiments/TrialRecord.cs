namespace MLExt.AutoML;

/// <summary>One finished trial of a study: what was tried, what it scored, and how it ended.</summary>
public sealed class TrialRecord
{
    /// <summary>The trial's id (0, 1, … in proposal order).</summary>
    public required int Id { get; init; }

    /// <summary>The parameters tried.</summary>
    public required Parameters Parameters { get; init; }

    /// <summary>The budget in epochs the tuner gave, or null for the full one.</summary>
    public int? Budget { get; init; }

    /// <summary>The trial's seed (<see cref="TrialSeeds.For"/>).</summary>
    public required int Seed { get; init; }

    /// <summary>Completed, pruned or failed.</summary>
    public required TrialStatus Status { get; init; }

    /// <summary>The optimised metric; NaN for a failed or pruned trial.</summary>
    public double Metric { get; init; } = double.NaN;

    /// <summary>The loss reported to the tuner (lower is better): the metric, negated when it is maximised; a pruned trial's last intermediate score; NaN when failed.</summary>
    public double Loss { get; init; } = double.NaN;

    /// <summary>Every metric of the trial's evaluation, by name.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The intermediate scores (lower is better) reported at steps 1, 2, … (epochs of the first fold).</summary>
    public IReadOnlyList<double> IntermediateScores { get; init; } = [];

    /// <summary>Epochs trained over all folds; 0 for trainers without epochs.</summary>
    public int EpochsTrained { get; init; }

    /// <summary>The error of a failed trial, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Wall-clock time of the trial.</summary>
    public TimeSpan Duration { get; init; }
}

using MLExt.AutoML;
using MLExt.Cli.Training;

namespace MLExt.Cli.Commands;

/// <summary>A validated <c>mlext tune</c> invocation.</summary>
internal sealed record TuneRequest(
    string? DataPath, string? Label, TaskKind? Task, IReadOnlyList<string> Features, ExperimentMetric? Metric,
    int? Trials, double? TimeSeconds, string Tuner, int Parallel, string? StudyPath, bool Resume, string? ReportDirectory,
    int Seed, int Folds, double ValidationFraction, int MinEpochs, int MaxEpochs, IReadOnlyList<string>? Trainers, string? ModelPath)
{
    /// <summary>A PostgreSQL database holding the study (shared by workers), or null.</summary>
    public string? Storage { get; init; }

    /// <summary>The study's name in <see cref="Storage"/>.</summary>
    public string? StudyName { get; init; }

    /// <summary>Whether a dead worker's trial runs again instead of failing.</summary>
    public bool RetryFailedTrials { get; init; }

    /// <summary>Greedy steps of ensemble selection over the finished trials, or 0 for none.</summary>
    public int EnsembleSize { get; init; }
}

using MLExt.AutoML;
using MLExt.Cli.Training;

namespace MLExt.Cli.Commands;

/// <summary>A validated <c>mlext tune</c> invocation.</summary>
internal sealed record TuneRequest(
    string? DataPath, string? Label, TaskKind? Task, IReadOnlyList<string> Features, ExperimentMetric? Metric,
    int? Trials, double? TimeSeconds, string Tuner, int Parallel, string? StudyPath, bool Resume, string? ReportDirectory,
    int Seed, int Folds, double ValidationFraction, int MinEpochs, int MaxEpochs, IReadOnlyList<string>? Trainers, string? ModelPath);

using MLExt.Cli.Models;
using MLExt.Cli.Training;

namespace MLExt.Cli.Commands;

/// <summary>A validated <c>mlext cv</c> command line.</summary>
internal sealed record CvRequest(
    string DataPath, string Label, TaskKind Task, IReadOnlyList<string> Features, IReadOnlyList<TrainerKind> Trainers,
    int Folds, bool Stratified, string? Group, int Repeats, int Parallel, int Seed, string ReportDirectory, NetworkChoice Network,
    Baselines Baselines, Text.TextFeature? Text = null)
{
    /// <summary>Ensembles of the trainers added to the comparison.</summary>
    public IReadOnlyList<EnsembleKind> Ensembles { get; init; } = [];

    /// <summary>Folds of stacking's out-of-fold predictions.</summary>
    public int EnsembleFolds { get; init; } = 5;
}

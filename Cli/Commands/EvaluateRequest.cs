using MLExt.Cli.Training;

namespace MLExt.Cli.Commands;

/// <summary>A parsed <c>mlext evaluate</c> command line.</summary>
internal sealed record EvaluateRequest(
    string DataPath, string Label, IReadOnlyList<string> Scores, string? Probability, TaskKind? Task, double? Threshold, string ReportDirectory);

using MLExt.Evaluation;

namespace MLExt.AutoML;

/// <summary>The first line of a study file: what the study optimises and how, checked when it is resumed.</summary>
/// <param name="Task">The task.</param>
/// <param name="Metric">The optimised metric.</param>
/// <param name="Tuner">The tuner's name.</param>
/// <param name="Seed">The experiment's seed.</param>
/// <param name="MinEpochs">The smallest network budget.</param>
/// <param name="MaxEpochs">The full network budget.</param>
/// <param name="SearchSpace">The search space in words (<see cref="AutoML.SearchSpace.ToString"/>).</param>
public sealed record StudyHeader(EvaluationTask Task, ExperimentMetric Metric, string Tuner, int Seed, int MinEpochs, int MaxEpochs, string SearchSpace)
{
    /// <summary>The file format's version.</summary>
    public const int Version = 1;

    /// <summary>The first setting in which <paramref name="other"/> differs from this header, in words, or null when they agree.</summary>
    public string? Difference(StudyHeader other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Task != other.Task) return $"task {Task} in the study, {other.Task} now";
        if (Metric != other.Metric) return $"metric {ExperimentMetrics.Name(Metric)} in the study, {ExperimentMetrics.Name(other.Metric)} now";
        if (!string.Equals(Tuner, other.Tuner, StringComparison.OrdinalIgnoreCase)) return $"tuner {Tuner} in the study, {other.Tuner} now";
        if (Seed != other.Seed) return $"seed {Seed} in the study, {other.Seed} now";
        if (MinEpochs != other.MinEpochs || MaxEpochs != other.MaxEpochs) return $"epochs {MinEpochs}–{MaxEpochs} in the study, {other.MinEpochs}–{other.MaxEpochs} now";
        if (SearchSpace != other.SearchSpace) return "another search space";
        return null;
    }
}

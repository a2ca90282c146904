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
/// <param name="Evaluation">How trials are scored, such as <c>5-fold</c> or <c>hold-out 0.2</c>; null in studies that predate it.</param>
/// <param name="Data">
/// The data's fingerprint (<see cref="ExperimentOptions.DataFingerprint"/>): <c>key=value</c> parts joined by <c>; </c>, null when
/// not given. A study is resumed only on the data it was started on (when both sides have a fingerprint).
/// </param>
public sealed record StudyHeader(EvaluationTask Task, ExperimentMetric Metric, string Tuner, int Seed, int MinEpochs, int MaxEpochs, string SearchSpace,
    string? Evaluation = null, string? Data = null)
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
        if (Evaluation is not null && other.Evaluation is not null && Evaluation != other.Evaluation)
            return $"trials scored by {Evaluation} in the study, {other.Evaluation} now";
        if (Data is not null && other.Data is not null && Data != other.Data)
            return DataDifference(Data, other.Data);
        return null;
    }

    // Names the first part of the data's fingerprint that changed, such as "data rows=200 in the study, rows=150 now".
    private static string DataDifference(string study, string now)
    {
        string[] a = study.Split("; "), b = now.Split("; ");
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string x = i < a.Length ? a[i] : "", y = i < b.Length ? b[i] : "";
            if (x != y)
                return $"data {x} in the study, {y} now";
        }
        return $"data {study} in the study, {now} now";
    }
}

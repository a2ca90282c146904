using Microsoft.ML;
using MLExt.Evaluation;

namespace MLExt.AutoML;

/// <summary>What an <see cref="Experiment"/> found: every trial, the best one, why it stopped, and the refitted best model.</summary>
public sealed class ExperimentResult
{
    /// <summary>
    /// A result from trials already recorded (a study read back from its storage, for a report); the refitted best
    /// model is then absent.
    /// </summary>
    public ExperimentResult(EvaluationTask task, ExperimentMetric metric, string tuner, SearchSpace space, IReadOnlyList<TrialRecord> trials,
        StopReason stopReason, TimeSpan elapsed, string? studyPath)
    {
        Task = task;
        Metric = metric;
        Tuner = tuner;
        SearchSpace = space;
        Trials = trials.OrderBy(t => t.Id).ToArray();
        StopReason = stopReason;
        Elapsed = elapsed;
        StudyPath = studyPath;
        bool higher = ExperimentMetrics.HigherIsBetter(metric);
        Best = Trials.Where(t => t.Status == TrialStatus.Completed && double.IsFinite(t.Metric))
            .OrderBy(t => higher ? -t.Metric : t.Metric).ThenBy(t => t.Id).FirstOrDefault();
    }

    /// <summary>The task.</summary>
    public EvaluationTask Task { get; }

    /// <summary>The optimised metric.</summary>
    public ExperimentMetric Metric { get; }

    /// <summary>The tuner's name.</summary>
    public string Tuner { get; }

    /// <summary>The search space.</summary>
    public SearchSpace SearchSpace { get; }

    /// <summary>Every finished trial (including those of a resumed study), by id.</summary>
    public IReadOnlyList<TrialRecord> Trials { get; }

    /// <summary>The completed trial with the best metric (the lowest id among ties), or null when none completed.</summary>
    public TrialRecord? Best { get; }

    /// <summary>Why the search ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>Wall-clock time of this run (not of earlier runs of a resumed study).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The study file, or null.</summary>
    public string? StudyPath { get; }

    /// <summary>Epochs trained over all trials and folds.</summary>
    public int TotalEpochs => Trials.Sum(t => t.EpochsTrained);

    /// <summary>
    /// The best configuration refitted on all the data (label preparation included), or null when no trial completed, the search was
    /// cancelled, or the experiment ran a custom <see cref="ITrialRunner"/>.
    /// </summary>
    public ITransformer? Model { get; internal set; }

    /// <summary>
    /// With <see cref="ExperimentOptions.EnsembleSize"/> above 0: the ensemble selected from the finished trials, reported beside the best
    /// trial on the same held-out predictions, with its refitted model; null otherwise or when no trial completed.
    /// </summary>
    public EnsembleSelectionResult? Ensemble { get; internal set; }

    /// <summary>The schema of the data the experiment was given, which <see cref="Model"/> takes.</summary>
    public DataViewSchema? InputSchema { get; internal set; }

    /// <summary>Saves <see cref="Model"/> with ML.NET's <c>mlContext.Model.Save</c>, through a temporary file; load it back with <c>mlContext.Model.Load</c> after <c>RegisterMLExt()</c>.</summary>
    /// <exception cref="InvalidOperationException">There is no refitted model.</exception>
    public void SaveModel(MLContext mlContext, string path)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Model is null || InputSchema is null)
            throw new InvalidOperationException("There is no refitted model to save: no trial completed, or the search was cancelled.");
        // Through a temporary file renamed into place: a failed save leaves no partial zip and an old file whole.
        MLExt.IO.AtomicFile.Write(path, stream => mlContext.Model.Save(Model, InputSchema, stream));
    }
}

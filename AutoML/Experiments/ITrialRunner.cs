namespace MLExt.AutoML;

/// <summary>Trains and scores one trial. <see cref="Experiment"/> uses <see cref="PipelineTrialRunner"/>; tests and custom searches may plug in their own.</summary>
public interface ITrialRunner
{
    /// <summary>Runs the trial of <paramref name="context"/> and returns its score.</summary>
    /// <remarks>
    /// A runner reports intermediate scores through <see cref="TrialContext.ReportIntermediate"/> and stops when it returns
    /// true or when <see cref="TrialContext.CancellationToken"/> is cancelled (throwing <see cref="OperationCanceledException"/> is fine).
    /// Any other exception marks the trial failed, with its message; the search goes on.
    /// </remarks>
    TrialResult Run(TrialContext context);
}

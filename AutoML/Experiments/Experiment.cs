using System.Diagnostics;
using Microsoft.ML;
using MLExt.Evaluation;
using MLExt.Evaluation.Metrics;
using MLExt.Trainers;

namespace MLExt.AutoML;

/// <summary>
/// A hyperparameter search: a tuner proposes trials from a search space, each is trained and scored by cross-validation or a
/// hold-out, bad network trials are pruned on their per-epoch scores, and the study is written to a file as it goes so that it
/// can be resumed. The best configuration is refitted on all the data.
/// </summary>
/// <remarks>
/// <para>
/// Reproducibility: a trial's seed is <see cref="TrialSeeds.For"/>(experiment seed, trial id), and the tuner sees its calls in an
/// order that does not depend on timing: with K trials at once it proposes trials 0…K−1, then waits for the lowest-numbered
/// running trial, reports it and proposes the next. So for a given seed and K the trials, their parameters and their scores are
/// the same from run to run however long each trial takes, for every tuner whose <see cref="ITuner.ShouldPrune"/> answers false
/// (random, grid, TPE, Bayes, and successive halving and Hyperband, which shorten trials by their budget instead), and for every
/// tuner when no trial is pruned. Random and grid search propose the same trials for
/// every K; a model-based tuner (TPE, Bayes) does not, because with K &gt; 1 it proposes trial n knowing the results of trials
/// 0…n−K only. The price of the fixed order: a worker whose trial finished early waits for the lowest running one.
/// </para>
/// <para>
/// What timing can change: (1) ASHA with K &gt; 1, because its answer to <see cref="ITuner.ShouldPrune"/> depends on which other
/// trials have reached that epoch yet, which is a race between threads; with K = 1 it is reproducible too. (2) A time budget or cancellation, which stops the search after however many trials fit.
/// Resuming a study reproduces an uninterrupted run exactly when K = 1; with K &gt; 1 the study that stopped reported its last
/// running trials before the next proposal, where the uninterrupted one would have proposed in between, so a model-based tuner
/// may propose differently after the resumption point (random and grid search do not).
/// </para>
/// <para>
/// Cancellation and the time budget stop running network trials within one epoch; such trials are neither recorded nor reported
/// to the tuner (a resumed study runs them again). A trial that throws is recorded as failed with its message and the search goes on.
/// </para>
/// </remarks>
public sealed class Experiment
{
    private readonly ExperimentOptions _options;

    /// <summary>An experiment with <paramref name="options"/> (checked when it runs).</summary>
    public Experiment(ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The options.</summary>
    public ExperimentOptions Options => _options;

    /// <summary>
    /// Searches on <paramref name="data"/> (label and feature columns of the options; a multiclass label of another type than a key is
    /// mapped to a key first), then refits the best configuration on all of it (<see cref="ExperimentResult.Model"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid, or a column is missing or of the wrong type (named).</exception>
    /// <exception cref="IOException">The study file exists and <see cref="ExperimentOptions.Resume"/> is false.</exception>
    /// <exception cref="InvalidOperationException">The study to resume was made with other settings, or its tuner log does not replay.</exception>
    public ExperimentResult Run(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _options.Validate();
        var labelPreparation = DataPreparation.Fit(data, _options);
        var prepared = labelPreparation.Transform(data);
        var space = SearchSpace();
        var factory = Factory();
        var runner = new PipelineTrialRunner(prepared, _options, factory);
        var result = Search(runner, space);
        result.InputSchema = data.Schema;
        if (result.Best is { } best && result.StopReason != StopReason.Cancelled)
        {
            var context = new TrialContext(new TrialSuggestion(best.Id, best.Parameters, best.Budget), best.Seed, _options.EffectiveMetric,
                _options.CancellationToken, (_, _) => false, _ => { });
            var model = factory(best.Parameters, context).Fit(prepared);
            context.Dispose();
            result.Model = labelPreparation.Append(model);
        }
        if (_options.EnsembleSize > 0 && result.StopReason != StopReason.Cancelled)
            result.Ensemble = SelectEnsemble(runner, result, factory, prepared, labelPreparation);
        return result;
    }

    // The greedy ensemble of the completed trials' held-out predictions, refitted on all the data as a weighted voting ensemble.
    private EnsembleSelectionResult? SelectEnsemble(PipelineTrialRunner runner, ExperimentResult result, Func<Parameters, TrialContext, IEstimator<ITransformer>> factory,
        IDataView prepared, ITransformer labelPreparation)
    {
        var completed = result.Trials.Where(t => t.Status == TrialStatus.Completed && runner.Predictions.ContainsKey(t.Id)).ToArray();
        if (completed.Length == 0) return null;
        var selection = EnsembleSelection.Select(completed.Select(t => (t.Id, runner.Predictions[t.Id])).ToArray(), runner.PredictionLabels,
            _options.Task, _options.EffectiveMetric, _options.EnsembleSize);
        var contexts = new List<TrialContext>();
        try
        {
            var members = selection.Members.Select(m =>
            {
                var trial = completed.First(t => t.Id == m.TrialId);
                var context = new TrialContext(new TrialSuggestion(trial.Id, trial.Parameters, trial.Budget), trial.Seed, _options.EffectiveMetric,
                    _options.CancellationToken, (_, _) => false, _ => { });
                contexts.Add(context);
                return factory(trial.Parameters, context);
            }).ToArray();
            var model = members.Length == 1 ? members[0].Fit(prepared) : EnsembleEstimator(members, selection).Fit(prepared);
            selection.Model = labelPreparation.Append(model);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            selection.ModelError = e.Message;
        }
        finally
        {
            foreach (var context in contexts) context.Dispose();
        }
        return selection;
    }

    private IEstimator<ITransformer> EnsembleEstimator(IEstimator<ITransformer>[] members, EnsembleSelectionResult selection)
    {
        var options = new MLExt.Trainers.Ensembles.VotingEnsembleEstimator.Options
        {
            Members = members,
            MemberNames = selection.Members.Select(m => $"trial {m.TrialId}").ToArray(),
            Weights = selection.Members.Select(m => (float)m.Picks).ToArray(),
            LabelColumnName = _options.LabelColumnName,
        };
        var ml = new MLContext(_options.Seed);
        return _options.Task switch
        {
            EvaluationTask.BinaryClassification => ml.BinaryClassification.Trainers.Voting(options),
            EvaluationTask.MulticlassClassification => ml.MulticlassClassification.Trainers.Voting(options),
            _ => ml.Regression.Trainers.Averaging(options),
        };
    }

    /// <summary>
    /// Searches <paramref name="space"/> with <paramref name="runner"/> scoring the trials; the study file, resumption, parallelism,
    /// stopping and progress reports work as in <see cref="Run(IDataView)"/>, without the refit.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="IOException">The study file exists and <see cref="ExperimentOptions.Resume"/> is false.</exception>
    /// <exception cref="InvalidOperationException">The study to resume was made with other settings, or its tuner log does not replay.</exception>
    public ExperimentResult Search(ITrialRunner runner, SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(space);
        _options.Validate();
        var clock = Stopwatch.StartNew();
        var metric = _options.EffectiveMetric;
        string scoring = _options.NumberOfFolds >= 2 ? $"{_options.NumberOfFolds}-fold"
            : $"hold-out {_options.ValidationFraction.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
        var header = new StudyHeader(_options.Task, metric, _options.Tuner.ToLowerInvariant(), _options.Seed, _options.MinEpochs, _options.MaxEpochs,
            space.ToString(), scoring, _options.DataFingerprint);
        using var storage = _options.Storage is null ? new JsonLinesStudyStorage(_options.StudyPath) : null;
        using var session = new StudySession(_options.Storage ?? storage!, header, space, _options.Resume, () => _options.CreateTuner(space),
            _options.MaxTrials, _options.Faults);

        using var search = CancellationTokenSource.CreateLinkedTokenSource(_options.CancellationToken);
        if (_options.TimeBudget is { } budget)
            search.CancelAfter(budget);
        // The timer above cancels running trials; the clock is checked too, because a timer callback waits for a free
        // thread-pool thread (seen here: a search of short trials on 2 cores ran on past its budget, the timer never fired).
        bool Stopping()
        {
            if (_options.TimeBudget is { } limit && clock.Elapsed >= limit && !search.IsCancellationRequested) search.Cancel();
            return search.IsCancellationRequested;
        }
        var running = new SortedDictionary<int, Task<TrialRecord?>>();
        StopReason? stop = null;
        bool exhausted = false;
        while (true)
        {
            while (stop is null && !exhausted && running.Count < _options.MaxDegreeOfParallelism)
            {
                if (Stopping())
                {
                    stop = _options.CancellationToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.TimeBudget;
                    break;
                }
                if (session.Next() is not { } suggestion)
                {
                    exhausted = true;
                    break;
                }
                int finishedSoFar = session.Records.Count;
                running.Add(suggestion.Id, Task.Run(() => RunTrial(runner, suggestion, session, search, finishedSoFar)));
            }
            if (running.Count == 0)
            {
                // A shared study is done when no worker runs a trial: wait for the others, failing or re-queueing those that stopped.
                if (stop is null && exhausted && session.OthersRunning(runningHere: 0))
                {
                    search.Token.WaitHandle.WaitOne(_options.HeartbeatInterval);
                    exhausted = false; // ask again: a trial of a stopped worker may wait to be re-run
                    continue;
                }
                break;
            }
            var (id, task) = running.First();
            var record = task.GetAwaiter().GetResult();
            running.Remove(id);
            if (record is null)
            {
                session.Abandon(id);
                continue;
            }
            if (!session.Report(record))
                continue;
            _options.Progress?.Report(new TrialProgress
            {
                Kind = TrialProgressKind.Finished, TrialId = record.Id, Parameters = record.Parameters, Budget = record.Budget,
                Record = record, TrialsFinished = session.Records.Count, MaxTrials = _options.MaxTrials,
            });
        }
        if (stop is null && Stopping())
            stop = _options.CancellationToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.TimeBudget;
        var records = _options.Storage is { IsShared: true } ? session.AllTrials() : session.Records;
        return new ExperimentResult(_options.Task, metric, header.Tuner, space, records, stop ?? StopReason.MaxTrials, clock.Elapsed, _options.StudyPath);
    }

    private TrialRecord? RunTrial(ITrialRunner runner, TrialSuggestion suggestion, StudySession session, CancellationTokenSource search, int finishedSoFar)
    {
        int seed = TrialSeeds.For(_options.Seed, suggestion.Id);
        var progress = _options.Progress;
        var context = new TrialContext(suggestion, seed, _options.EffectiveMetric, search.Token,
            (step, value) => session.ShouldPrune(suggestion.Id, step, value),
            p => progress?.Report(p));
        try
        {
            progress?.Report(new TrialProgress
            {
                Kind = TrialProgressKind.Started, TrialId = suggestion.Id, Parameters = suggestion.Parameters, Budget = suggestion.Budget,
                TrialsFinished = finishedSoFar, MaxTrials = _options.MaxTrials,
            });
            var clock = Stopwatch.StartNew();
            TrialRecord Record(TrialStatus status, double metric, double loss, IReadOnlyList<MetricValue>? metrics, string? error, int epochs = 0) => new()
            {
                Id = suggestion.Id, Parameters = suggestion.Parameters, Budget = suggestion.Budget, Seed = seed, Status = status,
                Metric = metric, Loss = loss, Error = error, Duration = clock.Elapsed, EpochsTrained = Math.Max(epochs, context.EpochsTrained),
                IntermediateScores = context.IntermediateScores.ToArray(),
                Metrics = (metrics ?? []).Where(m => !double.IsNaN(m.Value)).DistinctBy(m => m.Name).ToDictionary(m => m.Name, m => m.Value),
            };
            double LastIntermediate() => context.IntermediateScores.Count > 0 ? context.IntermediateScores[^1] : double.NaN;
            try
            {
                var result = runner.Run(context);
                if (context.IsPruned)
                    return Record(TrialStatus.Pruned, double.NaN, LastIntermediate(), null, null);
                if (search.IsCancellationRequested)
                    return null;
                if (!double.IsFinite(result.Metric))
                    return Record(TrialStatus.Failed, double.NaN, double.NaN, result.Metrics, $"The metric is {result.Metric}.", result.EpochsTrained);
                return Record(TrialStatus.Completed, result.Metric, ExperimentMetrics.ToLoss(_options.EffectiveMetric, result.Metric), result.Metrics, null, result.EpochsTrained);
            }
            catch (Exception) when (context.IsPruned)
            {
                return Record(TrialStatus.Pruned, double.NaN, LastIntermediate(), null, null);
            }
            catch (Exception) when (search.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e)
            {
                return Record(TrialStatus.Failed, double.NaN, double.NaN, null, Describe(e));
            }
        }
        finally
        {
            context.Dispose();
        }
    }

    private static string Describe(Exception e)
    {
        string message = $"{e.GetType().Name}: {e.Message}";
        return e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{message} ({inner.Message})" : message;
    }

    private SearchSpace SearchSpace() => _options.SearchSpace ?? DefaultSearchSpace.Create(_options.Task, _options.MinEpochs, _options.MaxEpochs);

    private Func<Parameters, TrialContext, IEstimator<ITransformer>> Factory() =>
        _options.PipelineFactory ?? ((parameters, context) => TrialEstimators.Create(parameters, context, _options));
}

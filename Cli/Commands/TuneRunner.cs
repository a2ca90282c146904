using MLExt.IO;
using Microsoft.ML;
using MLExt.AutoML;
using MLExt.Cli.Data;
using MLExt.Data;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.Evaluation;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext tune</c>: load and featurise the data, search, print the leaderboard, write the report, study and model.</summary>
internal static class TuneRunner
{
    /// <summary>Runs a validated request; returns the exit code. Ctrl+C stops the search cleanly with the trials finished.</summary>
    public static int Run(TuneRequest request, CliOutput output)
    {
        var ml = new MLContext(request.Seed);
        var (data, featurizer, task, source, fingerprint) = Load(request, ml);
        var evaluationTask = task switch
        {
            TaskKind.Binary => EvaluationTask.BinaryClassification,
            TaskKind.Multiclass => EvaluationTask.MulticlassClassification,
            _ => EvaluationTask.Regression,
        };
        var metric = request.Metric ?? (request.DataPath is null ? ExperimentMetric.Accuracy : ExperimentMetrics.Default(evaluationTask));
        if (!ExperimentMetrics.Supports(metric, evaluationTask))
            throw new UserException($"--metric {ExperimentMetrics.Name(metric)} does not apply to {task.ToString().ToLowerInvariant()}; use one of {string.Join(", ", ExperimentMetrics.For(evaluationTask).Select(ExperimentMetrics.Name))}");
        SearchSpace space;
        try
        {
            space = DefaultSearchSpace.Create(evaluationTask, request.MinEpochs, request.MaxEpochs, request.Trainers);
        }
        catch (ArgumentException e)
        {
            // The library names the task by its enum; the user wrote --task (or searches the MNIST digits, a multiclass task).
            throw new UserException($"--trainers: {e.Message.Replace(" (Parameter 'trainers')", "", StringComparison.Ordinal)
                .Replace($"for {evaluationTask}", $"for {task.ToString().ToLowerInvariant()}", StringComparison.Ordinal)}");
        }
        var prepared = featurizer?.Transform(data) ?? data;

        using var storage = request.Storage is null ? null : StudyCommand.Open(request.Storage, request.StudyName!);
        using var cancel = new CancellationTokenSource();
        var options = new ExperimentOptions
        {
            Task = evaluationTask, LabelColumnName = TabularDataset.LabelColumn, FeatureColumnName = TabularDataset.FeaturesColumn, Metric = metric,
            NumberOfFolds = request.Folds, ValidationFraction = request.ValidationFraction,
            MaxTrials = request.Trials ?? (request.TimeSeconds is null ? 20 : int.MaxValue),
            TimeBudget = request.TimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            MaxDegreeOfParallelism = request.Parallel, Seed = request.Seed, Tuner = request.Tuner,
            MinEpochs = request.MinEpochs, MaxEpochs = request.MaxEpochs, SearchSpace = space,
            StudyPath = request.StudyPath, Resume = request.Resume, DataFingerprint = fingerprint, CancellationToken = cancel.Token,
            Storage = storage, RetryFailedTrials = request.RetryFailedTrials, EnsembleSize = request.EnsembleSize,
        };
        output.Line(source);
        output.Line($"Search: {request.Tuner}, metric {ExperimentMetrics.DisplayName(metric, evaluationTask)}, " +
            (request.Folds >= 2 ? $"{request.Folds}-fold {(task == TaskKind.Regression ? "" : "stratified ")}cross-validation" : $"hold-out of {request.ValidationFraction:0.##}") +
            $", {(request.Trials is { } t ? $"{t} trials" : request.TimeSeconds is null ? "20 trials" : "no trial limit")}{(request.TimeSeconds is { } ts ? $", {ts:0.#} s budget" : "")}" +
            $", {request.Parallel} at a time, seed {request.Seed}; trainers {string.Join(", ", space[DefaultSearchSpace.Trainer].Choices)}; network epochs {request.MinEpochs}–{request.MaxEpochs}.");
        if (storage is not null)
            output.Line($"Study: {storage.Description}, shared: joined if it exists, and {options.MaxTrials} trials in all across its workers.");
        if (request.StudyPath is not null)
            output.Line(request.Resume ? $"Resuming the study in {request.StudyPath}." : $"Study: {request.StudyPath}.");

        ExperimentResult result;
        using (CtrlC.StopGracefully(cancel))
        {
            result = TrialReporter.Run(output, metric, ExperimentMetrics.DisplayName(metric, evaluationTask), request.Trials ?? (request.TimeSeconds is null ? 20 : null), progress =>
            {
                options.Progress = progress;
                return Guard(() => new Experiment(options).Run(prepared));
            });
        }

        output.Line();
        output.Line($"Stopped: {result.StopReason}; {result.Trials.Count} trials, {result.TotalEpochs} network epochs, {result.Elapsed.TotalSeconds:0.0} s.");
        var ranked = StudyReport.Ranked(result);
        string metricName = ExperimentMetrics.DisplayName(metric, evaluationTask);
        ReportTable.Write(output, $"Leaderboard (best {Math.Min(10, ranked.Count)} of {ranked.Count} completed trials):",
            ["trial", "trainer", metricName, "budget", "epochs", "seconds"],
            ranked.Take(10).Select(r => (IReadOnlyList<string>)[r.Id.ToString(), Trainer(r), ReportTable.Figure(r.Metric), r.Budget?.ToString() ?? "full",
                r.EpochsTrained.ToString(), ReportTable.Seconds(r.Duration.TotalSeconds)]));
        if (result.Best is { } best)
            output.Line($"Best: trial {best.Id}, {metricName} {ReportTable.Figure(best.Metric)}: {best.Parameters}");
        else
            output.Line("No trial completed.");
        if (result.Ensemble is { } ensemble)
            output.Line($"Ensemble of trials {string.Join(", ", ensemble.Members.Select(m => $"{m.TrialId} ×{m.Picks}"))}: {metricName} " +
                $"{ReportTable.Figure(ensemble.Metric)} against the best trial's {ReportTable.Figure(ensemble.BestTrialMetric)} (trial {ensemble.BestTrialId}) on the same " +
                $"{(request.Folds >= 2 ? "out-of-fold" : "hold-out")} predictions of {ensemble.Rows:N0} rows; selected on them, so the ensemble's figure is optimistic." +
                (ensemble.ModelError is { } error ? $" It could not be refitted: {error}" : ""));

        IReadOnlyList<string> written = [];
        if (request.ReportDirectory is not null)
        {
            written = StudyReportWriter.WriteAll(result, request.ReportDirectory, [source, $"Command: mlext tune --tuner {request.Tuner} --metric {ExperimentMetrics.Name(metric)} --seed {request.Seed}."]);
            output.Line($"Report: {Path.Combine(request.ReportDirectory, "report.html")} (also report.md, report.json and {(written.Count - 3) / 2} plots as PNG and SVG).");
        }
        if (request.ModelPath is not null)
        {
            if (result.Model is null)
                throw new UserException($"--model: no model to save ({(result.Best is null ? "no trial completed" : "the search was cancelled before the refit")})");
            ITransformer model = featurizer is null ? result.Model : featurizer.Append(result.Model);
            AtomicFile.Write(request.ModelPath, stream => ml.Model.Save(model, data.Schema, stream));
            output.Line($"Model: the best configuration refitted on all {Rows(data)} rows, saved to {request.ModelPath}.");
        }

        output.FinalJson(new
        {
            Command = "tune",
            Task = task.ToString().ToLowerInvariant(),
            Data = request.DataPath ?? "mnist",
            Metric = metricName,
            request.Tuner,
            request.Seed,
            StopReason = result.StopReason.ToString(),
            Trials = result.Trials.Count,
            result.TotalEpochs,
            Best = result.Best is { } b ? new { b.Id, b.Metric, b.Budget, Parameters = b.Parameters.ToDictionary(p => p.Key, p => p.Value) } : null,
            Leaderboard = ranked.Select(r => new { r.Id, Trainer = Trainer(r), r.Metric, r.Budget, Epochs = r.EpochsTrained, Seconds = r.Duration.TotalSeconds }).ToList(),
            Pruned = result.Trials.Count(t => t.Status == TrialStatus.Pruned),
            Failed = result.Trials.Where(t => t.Status == TrialStatus.Failed).Select(t => new { t.Id, t.Error }).ToList(),
            Study = request.StudyPath ?? storage?.Description,
            Report = request.ReportDirectory is null ? null : new { Directory = request.ReportDirectory, Files = written.Select(p => Path.GetRelativePath(request.ReportDirectory, p)).ToList() },
            Model = request.ModelPath,
            Ensemble = result.Ensemble is { } chosen ? new
            {
                Members = chosen.Members.Select(m => new { m.TrialId, m.Picks, m.Weight }).ToList(), chosen.Metric, chosen.BestTrialId, chosen.BestTrialMetric, chosen.Rows,
                Refitted = chosen.Model is not null, chosen.ModelError,
            } : null,
        });
        return 0;
    }

    private static (IDataView Data, ITransformer? Featurizer, TaskKind Task, string Source, string Fingerprint) Load(TuneRequest request, MLContext ml)
    {
        if (request.DataPath is null)
        {
            var (train, _) = MnistDigits.Load().Split(MnistDigits.DefaultSplitSeed);
            return (train.ToDataView(ml), null, TaskKind.Multiclass,
                $"Data: the MNIST digits shipped with MLExt, the demo's {train.Count:N0} training digits (seeded split {MnistDigits.DefaultSplitSeed}); 784 pixel features, multiclass.",
                $"file=embedded MNIST digits; rows={train.Count}; split seed={MnistDigits.DefaultSplitSeed}");
        }
        OptionRules.InputFile("--data", request.DataPath);
        var file = DelimitedFile.Profile(request.DataPath);
        var dataset = TabularDataset.Resolve(file, request.Label!, request.Features, request.Task!.Value);
        if (request.Trainers?.Contains(DefaultSearchSpace.PoissonRegression) == true && dataset.Label.Minimum < 0)
            throw new UserException($"--trainers {DefaultSearchSpace.PoissonRegression}: Poisson regression needs labels ≥ 0, but column '{dataset.Label.Name}' " +
                $"holds {dataset.Label.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)} on line {dataset.Label.MinimumLine}");
        if (request.Folds > file.Rows)
            throw new UserException($"--folds {request.Folds}: {file.Path} has {file.Rows} row(s), so a fold would be empty; use at most {file.Rows} folds");
        if (request.Folds == 0 && (file.Rows * (1 - request.ValidationFraction) < 1 || file.Rows * request.ValidationFraction < 1))
            throw new UserException($"--validation-fraction {request.ValidationFraction} of {file.Path}'s {file.Rows} row(s) leaves " +
                $"{(file.Rows * request.ValidationFraction < 1 ? "no hold-out row" : "no training row")}; both need at least one");
        var data = dataset.Load(ml);
        // The featurisation (mean imputation, one-hot, standardisation) is fitted once on all rows, before the search's folds.
        var featurizer = dataset.Featurize(ml).Fit(data);
        return (data, featurizer, request.Task!.Value,
            $"Data: {file.Path}, {file.Rows:N0} rows; label '{dataset.Label.Name}' ({request.Task.Value.ToString().ToLowerInvariant()}); {dataset.Features.Count} feature column(s), standardised." +
            string.Concat(dataset.Notes().Select(n => $" Note: {n}.")),
            Fingerprint(file, dataset));
    }

    // What the study is checked against on --resume: the file's name, size in rows, columns used and content hash, in that order,
    // so that a refusal names the first of them that changed.
    private static string Fingerprint(DelimitedFile file, TabularDataset dataset)
    {
        using var stream = File.OpenRead(file.Path);
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        return $"file={Path.GetFileName(file.Path)}; rows={file.Rows}; label={dataset.Label.Name}; " +
            $"features={string.Join(",", dataset.Features.Select(f => f.Name))}; content sha256={hash[..16]}";
    }

    private static ExperimentResult Guard(Func<ExperimentResult> run)
    {
        try
        {
            return run();
        }
        catch (ArgumentException e)
        {
            throw new UserException(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
        }
        catch (StudyStorageException e)
        {
            throw new UserException($"--storage: {e.Message}");
        }
        catch (Exception e) when (e is IOException or InvalidDataException || (e is InvalidOperationException && e.Message.StartsWith("Cannot resume", StringComparison.Ordinal)))
        {
            throw new UserException($"--study: {e.Message}");
        }
    }

    private static string Trainer(TrialRecord r) => r.Parameters.Contains(DefaultSearchSpace.Trainer) ? r.Parameters.GetString(DefaultSearchSpace.Trainer) : "network";

    private static string Rows(IDataView data)
    {
        long rows = data.GetRowCount() ?? -1;
        if (rows < 0)
        {
            rows = 0;
            using var cursor = data.GetRowCursor([]);
            while (cursor.MoveNext())
                rows++;
        }
        return rows.ToString("N0");
    }
}

using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Cli.Data;
using MLExt.Cli.Models;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.Evaluation;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Reports;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext cv</c>: read the file, cross-validate each trainer, print the comparison, write the report.</summary>
internal static class CvRunner
{
    /// <summary>The loader's name for the <c>--group</c> column.</summary>
    public const string GroupColumn = "MLExt.Group";

    /// <summary>Runs a validated request; returns the exit code.</summary>
    public static int Run(CvRequest request, CliOutput output)
    {
        OptionRules.InputFile("--data", request.DataPath);
        var file = DelimitedFile.Profile(request.DataPath);
        var group = request.Group is null ? null : file.Find(request.Group)
            ?? throw new UserException($"--group: no column '{request.Group}' in {file.Path} (columns: {file.ColumnNames})");
        var label = file.Find(request.Label);
        if (group is not null && group == label)
            throw new UserException($"--group: '{group.Name}' is the label column (--label); choose the column that identifies groups");
        // Without --features, every column but the label and the group.
        var features = request.Features.Count > 0 || group is null ? request.Features
            : file.Columns.Where(c => c != label && c != group && c.Values > 0).Select(c => c.Name).ToArray();
        var dataset = request.Text is null ? TabularDataset.Resolve(file, request.Label, features, request.Task)
            : TabularDataset.ResolveText(file, request.Label, request.Task, request.Text, features);
        if (request.Folds > file.Rows)
            throw new UserException($"--folds {request.Folds}: {file.Path} has {file.Rows} row(s), so a fold would be empty; use at most {file.Rows} folds");
        if (group is not null && !group.TooManyDistinct && group.Distinct.Count < request.Folds)
            throw new UserException($"--folds {request.Folds}: --group column '{group.Name}' has {group.Distinct.Count} distinct value(s), so a fold " +
                $"would be empty; use at most {group.Distinct.Count} folds");
        if (request.Trainers.Contains(TrainerKind.LbfgsPoisson) && dataset.Label.Minimum < 0)
            throw new UserException($"--trainer lbfgs-poisson: Poisson regression needs labels ≥ 0, but column '{dataset.Label.Name}' holds " +
                $"{dataset.Label.Minimum.ToString(CultureInfo.InvariantCulture)} on line {dataset.Label.MinimumLine}; use sdca for a linear regression");
        var options = Options(request, group is null ? null : GroupColumn);
        var data = dataset.Load(new MLContext(seed: request.Seed), group is null ? null : [new TextLoader.Column(GroupColumn, DataKind.String, group.Index)]);

        output.Line($"Data: {file.Path}, {file.Rows:N0} rows; label '{dataset.Label.Name}'; {dataset.Features.Count} feature column(s).");
        foreach (var note in dataset.Notes())
            output.Line($"Note: {note}.");
        output.Line($"Cross-validation: {request.Folds}-fold {StrategyName(options)}{(group is null ? "" : $" by '{group.Name}'")}" +
            $"{(request.Repeats > 1 ? $", {request.Repeats} repeats" : "")}, seed {request.Seed}{(request.Parallel > 1 ? $", {request.Parallel} folds at a time" : "")}.");

        // The batch size default follows the rows of a training fold.
        var network = request.Network.Settings.ForRows(file.Rows * (request.Folds - 1) / request.Folds);
        if (request.Trainers.Contains(TrainerKind.Nn) && request.Network.DescribeDefaults(file.Rows * (request.Folds - 1) / request.Folds) is { } defaults)
            output.Line(defaults);
        if (TabularExperiment.CheckLabel(dataset, data, network.LabelScaling) is { } warning)
            output.Line($"Warning: {warning}");

        var candidates = request.Trainers.Select(kind => (Name: TrainerCatalog.DisplayName(kind, request.Task),
            Create: (Func<MLContext, IEstimator<ITransformer>>)(ml => TrainerCatalog.Create(kind, request.Task, ml, network)))).ToList();
        foreach (var ensemble in request.Ensembles)
            candidates.Add((EnsembleTrainers.DisplayName(ensemble, request.Task, request.Trainers), ml => EnsembleTrainers.Create(ensemble, request.Task, ml,
                request.Trainers.Select(kind => (TrainerCatalog.DisplayName(kind, request.Task), TrainerCatalog.Create(kind, request.Task, ml, network))).ToArray(),
                request.EnsembleFolds, request.Seed)));
        if (request.Baselines.HasFlag(Baselines.Linear))
            candidates.Add((BaselineTrainers.LinearName(request.Task), ml => BaselineTrainers.Linear(request.Task, ml)));
        if (request.Baselines.HasFlag(Baselines.Mean))
            candidates.Add((BaselineTrainers.MeanName(request.Task), ml => BaselineTrainers.Mean(request.Task, ml)));
        var results = new List<(string Name, CrossValidationResult Result)>();
        foreach (var (name, create) in candidates)
        {
            var result = StatusDisplay.Run(output, $"Cross-validating {name} ...", () => Guard(() => CrossValidator.Run(data,
                fold => dataset.Featurize(new MLContext(seed: request.Seed + fold)).Append(create(new MLContext(seed: request.Seed + fold))),
                options)));
            results.Add((name, result));
        }

        var report = EvaluationReport.FromCrossValidation($"Cross-validation: {Path.GetFileName(file.Path)}", results,
            [$"Data: {file.Path}, {file.Rows} rows, label '{dataset.Label.Name}'.", $"Command: mlext cv --task {request.Task.ToString().ToLowerInvariant()} --folds {request.Folds} --seed {request.Seed}."]);
        output.Line();
        CrossValidationTable.Write(output, $"Cross-validated comparison ({request.Folds} folds{(request.Repeats > 1 ? $" × {request.Repeats}" : "")}):", results, report.KeyMetrics.Take(3).ToArray());
        foreach (var foldWarning in results.SelectMany(r => r.Result.Warnings.Select(w => $"{r.Name}: {w}")).Take(10))
            output.Line($"Warning: {foldWarning}");
        var networkResult = results.FirstOrDefault(r => r.Name == TrainerCatalog.DisplayName(TrainerKind.Nn, request.Task));
        var linearResult = results.FirstOrDefault(r => r.Name == BaselineTrainers.LinearName(request.Task));
        if (networkResult.Result is not null && linearResult.Result is not null
            && BaselineVerdict.ForCrossValidation(networkResult.Result[report.PrimaryMetric], linearResult.Result[report.PrimaryMetric], linearResult.Name) is { } verdict)
            output.Line(verdict);
        var written = ReportWriter.WriteAll(report, request.ReportDirectory);
        output.Line($"Report: {Path.Combine(request.ReportDirectory, "report.html")} (also report.md, report.json and {(written.Count - 3) / 2} plots as PNG and SVG).");

        output.FinalJson(new
        {
            Command = "cv",
            Task = request.Task.ToString().ToLowerInvariant(),
            Data = new { file.Path, file.Rows },
            CrossValidation = new { Strategy = StrategyName(options), request.Folds, request.Repeats, request.Seed, Group = group?.Name },
            Models = results.Select(r => new { r.Name, Metrics = CrossValidationTable.Figures(r.Result) }).ToList(),
            Report = new { Directory = request.ReportDirectory, Files = written.Select(p => Path.GetRelativePath(request.ReportDirectory, p)).ToList() },
        });
        return 0;
    }

    /// <summary>Runs cross-validation, turning the library's argument errors (too few rows or groups, …) into user errors.</summary>
    internal static CrossValidationResult Guard(Func<CrossValidationResult> run)
    {
        try
        {
            return run();
        }
        catch (ArgumentException e)
        {
            throw new UserException(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
        }
    }

    private static CrossValidationOptions Options(CvRequest request, string? groupColumn)
    {
        if (request.Stratified && request.Task == TaskKind.Regression)
            throw new UserException("--stratified needs class labels; a regression label is continuous (leave it out for k-fold)");
        if (request.Stratified && groupColumn is not null)
            throw new UserException("--stratified and --group cannot be combined: grouped folds keep whole groups together");
        return new CrossValidationOptions
        {
            Task = request.Task switch
            {
                TaskKind.Binary => EvaluationTask.BinaryClassification,
                TaskKind.Multiclass => EvaluationTask.MulticlassClassification,
                _ => EvaluationTask.Regression,
            },
            NumberOfFolds = request.Folds < 2 ? throw new UserException($"--folds must be at least 2, got {request.Folds}") : request.Folds,
            Strategy = request.Stratified ? FoldStrategy.Stratified : FoldStrategy.Auto,
            GroupColumnName = groupColumn,
            Repeats = request.Repeats,
            Seed = request.Seed,
            MaxDegreeOfParallelism = request.Parallel,
            LearningCurveExtractor = NeuralNetworkLearningCurves.Extract,
        };
    }

    private static string StrategyName(CrossValidationOptions options) => options.EffectiveStrategy switch
    {
        FoldStrategy.Stratified => "stratified",
        FoldStrategy.Grouped => "grouped",
        _ => "k-fold",
    };
}

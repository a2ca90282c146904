using System.CommandLine;
using MLExt.Neural;
using MLExt.Cli.Models;
using MLExt.Cli.Training;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext cv</c>: cross-validates one or more trainers on a CSV/TSV file and writes a report.</summary>
internal static class CvCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var data = new Option<string>("--data") { Description = "CSV or TSV file with a header row.", Required = true, HelpName = "FILE" };
        var label = new Option<string>("--label") { Description = "Column to predict.", Required = true, HelpName = "COLUMN" };
        var task = new Option<string>("--task") { Description = "What to predict: binary, multiclass, or regression.", Required = true };
        task.AcceptOnlyFromAmong("binary", "multiclass", "regression");
        var features = new Option<string[]>("--features") { Description = "Feature columns, comma-separated (default: every other column but the group).", HelpName = "COLUMNS" };
        var trainers = new Option<string[]>("--trainer")
        {
            Description = $"Trainer(s) to compare, repeated or comma-separated: {TrainerCatalog.Help}.",
            DefaultValueFactory = _ => ["nn"],
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = true,
        };
        var folds = new Option<int>("--folds") { Description = "Folds (≥ 2).", DefaultValueFactory = _ => 5 };
        var stratified = new Option<bool>("--stratified") { Description = "Stratify the folds by class (the default for classification; an error for regression)." };
        var group = new Option<string>("--group") { Description = "Column whose equal values stay in one fold (grouped cross-validation).", HelpName = "COLUMN" };
        var repeats = new Option<int>("--repeats") { Description = "Repeat the whole k-fold with new shuffles (≥ 1).", DefaultValueFactory = _ => 1 };
        var parallel = new Option<int>("--parallel") { Description = "Folds trained at once (≥ 1); results are the same as one at a time.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the folds and of every trainer.", DefaultValueFactory = _ => 1 };
        var report = new Option<string>("--report") { Description = "Directory for report.md, report.html, report.json and plots/.", Required = true, HelpName = "DIR" };
        var baselines = BaselineOption.Create();
        var ensembles = new Option<string[]>("--ensemble")
        {
            Description = "Add ensembles of the --trainer models to the comparison, comma-separated: voting (soft voting; averaging for regression), " +
                "stacking (a linear meta-learner on out-of-fold predictions).",
            HelpName = "KIND",
            AllowMultipleArgumentsPerToken = true,
        };
        var ensembleFolds = new Option<int>("--ensemble-folds") { Description = "Folds of stacking's out-of-fold predictions (≥ 2).", DefaultValueFactory = _ => 5 };
        var command = new Command("cv", "Cross-validate trainers on a CSV/TSV file: per-fold metrics, mean, spread and 95% intervals, pooled curves, and a report with plots.")
        {
            data, label, task, features, trainers, folds, stratified, group, repeats, parallel, seed, report, baselines, ensembles, ensembleFolds,
        };
        var networkOptions = new NetworkOptions();
        networkOptions.AddTo(command);
        var textOptions = new TextOptions();
        textOptions.AddTo(command);
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            int seedValue = parseResult.GetValue(seed);
            var text = textOptions.Parse(parseResult);
            if (text is not null && parseResult.GetValue(features) is { Length: > 0 })
                text = text.WithFeatureColumns();
            var taskKind = Enum.Parse<TaskKind>(parseResult.GetValue(task)!, ignoreCase: true);
            var network = networkOptions.Parse(parseResult, seedValue, text, taskKind);
            OptionRules.Trainer(network.Settings.ForRows(TabularDefaults.MinimumBatch).Apply(new NeuralNetworkRegressionTrainer.Options(), progress: null));
            var kinds = OptionRules.ColumnList(parseResult.GetValue(trainers)).Select(TrainerCatalog.Parse)
                .Select(k => TrainerCatalog.Check(k, taskKind)).Distinct().ToArray();
            if (text is { Network: not Text.TextNetworkKind.Bow } && kinds.Any(k => k != TrainerKind.Nn))
                throw new UserException($"--network {text.Network.ToString().ToLowerInvariant()} gives token ids, which only the MLExt network (--trainer nn) reads; use --network bow to compare ML.NET's trainers");
            var request = new CvRequest(
                parseResult.GetValue(data)!, parseResult.GetValue(label)!, taskKind,
                OptionRules.ColumnList(parseResult.GetValue(features)), kinds.Length == 0 ? [TrainerKind.Nn] : kinds,
                OptionRules.AtLeastOne("--folds", parseResult.GetValue(folds)), parseResult.GetValue(stratified), parseResult.GetValue(group),
                OptionRules.AtLeastOne("--repeats", parseResult.GetValue(repeats)), OptionRules.AtLeastOne("--parallel", parseResult.GetValue(parallel)),
                seedValue, parseResult.GetValue(report)!, network, BaselinesFor(text, parseResult.GetValue(baselines)), text)
            {
                Ensembles = EnsemblesFor(parseResult.GetValue(ensembles), kinds),
                EnsembleFolds = parseResult.GetValue(ensembleFolds) is var n && n >= 2 ? n : throw new UserException($"--ensemble-folds must be at least 2, got {n}"),
            };
            new CommandFiles().Input("--data", request.DataPath).Output("--report", request.ReportDirectory, folder: true).Check();
            return CvRunner.Run(request, output);
        }));
        return command;
    }

    private static EnsembleKind[] EnsemblesFor(string[]? values, TrainerKind[] trainers)
    {
        var kinds = OptionRules.ColumnList(values).Select(EnsembleTrainers.Parse).Distinct().ToArray();
        if (kinds.Length > 0 && trainers.Length < 2)
            throw new UserException($"--ensemble combines the --trainer models and needs at least two, got {trainers.Length} " +
                $"({string.Join(", ", trainers.Select(t => t.ToString().ToLowerInvariant()))}); for example --trainer nn,lightgbm,sdca");
        return kinds;
    }

    // A linear model on a sequence network's token ids means nothing: sequence networks get no baselines.
    private static Baselines BaselinesFor(Text.TextFeature? text, string? value) =>
        text is { Network: not Text.TextNetworkKind.Bow } ? Baselines.None : BaselineOption.Parse(value);
}

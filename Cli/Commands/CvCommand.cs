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
        var layers = new Option<string>("--layers") { Description = "nn: hidden layer widths, comma-separated; ReLU.", DefaultValueFactory = _ => "64,32", HelpName = "WIDTHS" };
        var epochs = new Option<int>("--epochs") { Description = "nn: most passes over the training rows.", DefaultValueFactory = _ => 20 };
        var learningRate = new Option<float>("--learning-rate") { Description = "nn: Adam learning rate (> 0).", DefaultValueFactory = _ => TrainingDefaults.LearningRate };
        var batchSize = new Option<int>("--batch-size") { Description = "nn: rows per gradient step (≥ 1).", DefaultValueFactory = _ => TrainingDefaults.BatchSize };
        var command = new Command("cv", "Cross-validate trainers on a CSV/TSV file: per-fold metrics, mean, spread and 95% intervals, pooled curves, and a report with plots.")
        {
            data, label, task, features, trainers, folds, stratified, group, repeats, parallel, seed, report, layers, epochs, learningRate, batchSize,
        };
        var textOptions = new TextOptions();
        textOptions.AddTo(command);
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            int seedValue = parseResult.GetValue(seed);
            var text = textOptions.Parse(parseResult);
            if (text is not null && parseResult.GetValue(features) is { Length: > 0 })
                throw new UserException("--features and --text cannot be combined: with --text the text column is the only feature");
            var hidden = NetworkSettings.ReluLayers(OptionRules.LayerSizes("--layers", parseResult.GetValue(layers)!), 0);
            var network = new NetworkSettings(
                text?.HiddenLayers(hidden) ?? hidden,
                parseResult.GetValue(epochs), parseResult.GetValue(learningRate), parseResult.GetValue(batchSize),
                L2: 0, seedValue, ValidationFraction: 0.1f, Patience: 5, text?.GradientClipNorm);
            OptionRules.Trainer(network.Apply(new NeuralNetworkRegressionTrainer.Options(), progress: null));
            var taskKind = Enum.Parse<TaskKind>(parseResult.GetValue(task)!, ignoreCase: true);
            var kinds = OptionRules.ColumnList(parseResult.GetValue(trainers)).Select(TrainerCatalog.Parse)
                .Select(k => TrainerCatalog.Check(k, taskKind)).Distinct().ToArray();
            if (text is { Network: not Text.TextNetworkKind.Bow } && kinds.Any(k => k != TrainerKind.Nn))
                throw new UserException($"--network {text.Network.ToString().ToLowerInvariant()} gives token ids, which only the MLExt network (--trainer nn) reads; use --network bow to compare ML.NET's trainers");
            var request = new CvRequest(
                parseResult.GetValue(data)!, parseResult.GetValue(label)!, taskKind,
                OptionRules.ColumnList(parseResult.GetValue(features)), kinds.Length == 0 ? [TrainerKind.Nn] : kinds,
                OptionRules.AtLeastOne("--folds", parseResult.GetValue(folds)), parseResult.GetValue(stratified), parseResult.GetValue(group),
                OptionRules.AtLeastOne("--repeats", parseResult.GetValue(repeats)), OptionRules.AtLeastOne("--parallel", parseResult.GetValue(parallel)),
                seedValue, parseResult.GetValue(report)!, network, text);
            new CommandFiles().Input("--data", request.DataPath).Output("--report", request.ReportDirectory, folder: true).Check();
            return CvRunner.Run(request, output);
        }));
        return command;
    }
}

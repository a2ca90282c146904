using System.CommandLine;
using MLExt.Neural;
using System.Globalization;
using MLExt.Cli.Data;
using MLExt.Cli.Models;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext train</c>: an MLExt network on a user's CSV/TSV file, evaluated on a seeded test split.</summary>
internal static class TrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var data = new Option<string>("--data") { Description = "CSV or TSV file with a header row (separator from the extension, else from the header).", Required = true, HelpName = "FILE" };
        var label = new Option<string>("--label") { Description = "Column to predict.", Required = true, HelpName = "COLUMN" };
        var task = new Option<string>("--task") { Description = "What to predict: binary (two classes), multiclass, or regression (a number).", Required = true };
        task.AcceptOnlyFromAmong("binary", "multiclass", "regression");
        var features = new Option<string[]>("--features")
        {
            Description = "Feature columns, comma-separated (default: every other column). Numeric columns are used as numbers, text columns one-hot encoded.",
            HelpName = "COLUMNS",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the train/test split, initialisation, shuffling and dropout.", DefaultValueFactory = _ => 1 };
        var testFraction = new Option<float>("--test-fraction") { Description = "Fraction of rows held out for the test metrics, in (0, 1).", DefaultValueFactory = _ => 0.2f };
        var baselines = BaselineOption.Create();
        var save = new Option<string>("--save")
        {
            Description = "Save the trained model (preprocessing and network) as an ML.NET model zip for 'mlext predict', 'mlext export' or mlContext.Model.Load.",
            HelpName = "FILE",
        };
        var command = new Command("train", "Train an MLExt neural network on a CSV/TSV file and print its test metrics.")
        {
            data, label, task, features, seed, testFraction, baselines, save,
        };
        var networkOptions = new NetworkOptions();
        networkOptions.AddTo(command);
        var textOptions = new TextOptions();
        textOptions.AddTo(command);
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var text = textOptions.Parse(parseResult);
            if (text is not null && parseResult.GetValue(features) is { Length: > 0 })
                text = text.WithFeatureColumns();
            var taskKind = Enum.Parse<TaskKind>(parseResult.GetValue(task)!, ignoreCase: true);
            var network = networkOptions.Parse(parseResult, parseResult.GetValue(seed), text, taskKind);
            OptionRules.Trainer(network.Settings.ForRows(TabularDefaults.MinimumBatch).Apply(new NeuralNetworkRegressionTrainer.Options(), progress: null));
            var request = new TrainRequest(
                parseResult.GetValue(data)!, parseResult.GetValue(label)!, taskKind,
                OptionRules.ColumnList(parseResult.GetValue(features)),
                OptionRules.OpenFraction("--test-fraction", parseResult.GetValue(testFraction)),
                network, BaselinesFor(text, parseResult.GetValue(baselines)), parseResult.GetValue(save), text);
            new CommandFiles().Input("--data", request.DataPath).Output("--save", request.SavePath).Check();
            return TrainRunner.Run(request, output);
        }));
        return command;
    }

    // A linear model on a sequence network's token ids means nothing: sequence networks get no baselines.
    private static Baselines BaselinesFor(Text.TextFeature? text, string? value) =>
        text is { Network: not Text.TextNetworkKind.Bow } ? Baselines.None : BaselineOption.Parse(value);
}

using System.CommandLine;
using MLExt.Neural;
using System.Globalization;
using MLExt.Cli.Data;
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
        var layers = new Option<string>("--layers") { Description = "Hidden layer widths, comma-separated; ReLU activations.", DefaultValueFactory = _ => "64,32", HelpName = "WIDTHS" };
        var epochs = new Option<int>("--epochs") { Description = "Most passes over the training rows.", DefaultValueFactory = _ => 20 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam learning rate (> 0).", DefaultValueFactory = _ => TrainingDefaults.LearningRate };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per gradient step (≥ 1).", DefaultValueFactory = _ => TrainingDefaults.BatchSize };
        var dropout = new Option<float>("--dropout") { Description = "Dropout rate after each hidden layer, in [0, 1).", DefaultValueFactory = _ => 0f };
        var l2 = new Option<float>("--l2") { Description = "L2 penalty on the weights (≥ 0).", DefaultValueFactory = _ => 0f };
        var seed = new Option<int>("--seed") { Description = "Seed of the train/test split, initialisation, shuffling and dropout.", DefaultValueFactory = _ => 1 };
        var testFraction = new Option<float>("--test-fraction") { Description = "Fraction of rows held out for the test metrics, in (0, 1).", DefaultValueFactory = _ => 0.2f };
        var validationFraction = new Option<float>("--validation-fraction")
        {
            Description = "Fraction of the training rows held out to validate after each epoch, in [0, 1); 0 turns validation off.",
            DefaultValueFactory = _ => 0.1f,
        };
        var patience = new Option<int>("--patience")
        {
            Description = "Early stopping: stop after this many epochs without a better validation loss and keep the best weights; 0 turns it off.",
            DefaultValueFactory = _ => 5,
        };
        var save = new Option<string>("--save")
        {
            Description = "Save the trained model (preprocessing and network) as an ML.NET model zip for 'mlext predict', 'mlext export' or mlContext.Model.Load.",
            HelpName = "FILE",
        };
        var command = new Command("train", "Train an MLExt neural network on a CSV/TSV file and print its test metrics.")
        {
            data, label, task, features, layers, epochs, learningRate, batchSize, dropout, l2, seed, testFraction, validationFraction, patience, save,
        };
        var textOptions = new TextOptions();
        textOptions.AddTo(command);
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            float dropoutRate = OptionRules.Fraction("--dropout", parseResult.GetValue(dropout));
            var text = textOptions.Parse(parseResult);
            if (text is not null && parseResult.GetValue(features) is { Length: > 0 })
                throw new UserException("--features and --text cannot be combined: with --text the text column is the only feature");
            var hidden = NetworkSettings.ReluLayers(OptionRules.LayerSizes("--layers", parseResult.GetValue(layers)!), dropoutRate);
            var network = new NetworkSettings(
                text?.HiddenLayers(hidden) ?? hidden,
                parseResult.GetValue(epochs), parseResult.GetValue(learningRate), parseResult.GetValue(batchSize),
                parseResult.GetValue(l2), parseResult.GetValue(seed), parseResult.GetValue(validationFraction),
                OptionRules.AtLeastZero("--patience", parseResult.GetValue(patience)), text?.GradientClipNorm);
            OptionRules.Trainer(network.Apply(new NeuralNetworkRegressionTrainer.Options(), progress: null));
            var request = new TrainRequest(
                parseResult.GetValue(data)!, parseResult.GetValue(label)!, Enum.Parse<TaskKind>(parseResult.GetValue(task)!, ignoreCase: true),
                OptionRules.ColumnList(parseResult.GetValue(features)),
                OptionRules.OpenFraction("--test-fraction", parseResult.GetValue(testFraction)),
                parseResult.GetValue(layers)!, dropoutRate, network, parseResult.GetValue(save), text);
            new CommandFiles().Input("--data", request.DataPath).Output("--save", request.SavePath).Check();
            return TrainRunner.Run(request, output);
        }));
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using MLExt.Cli.Models;
using MLExt.Cli.Training;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext distill</c>: a student network on a CSV/TSV file, taught by a saved multiclass model.</summary>
internal static class DistillCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var data = new Option<string>("--data") { Description = "CSV or TSV file with a header row.", Required = true, HelpName = "FILE" };
        var label = new Option<string>("--label") { Description = "The class column to predict.", Required = true, HelpName = "COLUMN" };
        var teacher = new Option<string>("--teacher")
        {
            Description = "The teacher: an ML.NET model zip (such as 'mlext train --save' writes) scoring the same file's columns with a " +
                "multiclass Score of class probabilities.",
            Required = true, HelpName = "FILE",
        };
        var defaults = new DistillationOptions();
        var temperature = new Option<float>("--temperature")
        {
            Description = $"Temperature T > 0 of the soft targets (default {defaults.Temperature}).", DefaultValueFactory = _ => defaults.Temperature,
        };
        var alpha = new Option<float>("--alpha")
        {
            Description = $"Weight α in [0, 1] of the label term; 1 − α goes to the teacher (default {defaults.Alpha}).",
            DefaultValueFactory = _ => defaults.Alpha,
        };
        var features = new Option<string[]>("--features") { Description = "Feature columns, comma-separated (default: every other column).", HelpName = "COLUMNS" };
        var seed = new Option<int>("--seed") { Description = "Seed of the train/test split, initialisation, shuffling and dropout.", DefaultValueFactory = _ => 1 };
        var testFraction = new Option<float>("--test-fraction") { Description = "Fraction of rows held out for the test metrics, in (0, 1).", DefaultValueFactory = _ => 0.2f };
        var save = new Option<string>("--save") { Description = "Save the student as an ML.NET model zip.", HelpName = "FILE" };
        var command = new Command("distill", "Train a student network on a CSV/TSV file from a teacher model's class scores " +
            "(knowledge distillation) and print its test metrics beside the teacher's.")
        {
            data, label, teacher, temperature, alpha, features, seed, testFraction, save,
        };
        var networkOptions = new NetworkOptions();
        networkOptions.AddTo(command);
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var network = networkOptions.Parse(parseResult, parseResult.GetValue(seed), text: null, TaskKind.Multiclass);
            float t = OptionRules.Positive("--temperature", parseResult.GetValue(temperature));
            float a = parseResult.GetValue(alpha);
            if (!(a is >= 0f and <= 1f))
                throw new UserException($"--alpha must be a number in [0, 1] (the weight of the label term), got {a.ToString(CultureInfo.InvariantCulture)}");
            var train = new TrainRequest(parseResult.GetValue(data)!, parseResult.GetValue(label)!, TaskKind.Multiclass,
                OptionRules.ColumnList(parseResult.GetValue(features)),
                OptionRules.OpenFraction("--test-fraction", parseResult.GetValue(testFraction)), network, Baselines.None,
                parseResult.GetValue(save));
            var request = new DistillRequest(train, parseResult.GetValue(teacher)!, t, a);
            new CommandFiles().Input("--data", train.DataPath).Input("--teacher", request.TeacherPath).Output("--save", train.SavePath).Check();
            return DistillRunner.Run(request, output);
        }));
        return command;
    }
}

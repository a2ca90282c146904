using System.CommandLine;
using MLExt.Cli.Training;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext evaluate</c>: metrics, curves and a report for predictions already made, by any tool.</summary>
internal static class EvaluateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var data = new Option<string>("--data") { Description = "CSV or TSV file with a header row, holding labels and predictions.", Required = true, HelpName = "FILE" };
        var label = new Option<string>("--label") { Description = "Column of true values.", Required = true, HelpName = "COLUMN" };
        var score = new Option<string[]>("--score")
        {
            Description = "Prediction column: the raw score (binary), the predicted value (regression), or one probability column per class, comma-separated and named by class (multiclass).",
            Required = true,
            HelpName = "COLUMNS",
            AllowMultipleArgumentsPerToken = true,
        };
        var probability = new Option<string>("--probability") { Description = "binary: column of the positive class's probability (log loss, Brier score, calibration).", HelpName = "COLUMN" };
        var task = new Option<string>("--task") { Description = "binary, multiclass or regression (default: several --score columns mean multiclass, a two-valued label binary, else regression)." };
        task.AcceptOnlyFromAmong("binary", "multiclass", "regression");
        var threshold = new Option<double?>("--threshold") { Description = "binary: predict positive when the score is greater than this (default 0.5 when every score lies in [0, 1], else 0)." };
        var report = new Option<string>("--report") { Description = "Directory for report.md, report.html, report.json and plots/.", Required = true, HelpName = "DIR" };
        var command = new Command("evaluate", "Evaluate predictions made anywhere (even outside .NET) from a CSV/TSV file and write a report with plots.")
        {
            data, label, score, probability, task, threshold, report,
        };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            string? taskName = parseResult.GetValue(task);
            var request = new EvaluateRequest(
                parseResult.GetValue(data)!, parseResult.GetValue(label)!, OptionRules.ColumnList(parseResult.GetValue(score)),
                parseResult.GetValue(probability), taskName is null ? null : Enum.Parse<TaskKind>(taskName, ignoreCase: true),
                parseResult.GetValue(threshold), parseResult.GetValue(report)!);
            new CommandFiles().Input("--data", request.DataPath).Output("--report", request.ReportDirectory, folder: true).Check();
            return EvaluateRunner.Run(request, output);
        }));
        return command;
    }
}

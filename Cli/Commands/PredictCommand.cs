using System.CommandLine;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext predict</c>: score a CSV/TSV file with a saved model zip.</summary>
internal static class PredictCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "ML.NET model zip (from 'mlext train --save' or mlContext.Model.Save).", Required = true, HelpName = "FILE" };
        var data = new Option<string>("--data")
        {
            Description = "CSV or TSV file with a header row holding the model's input columns, by name (the label column is not needed).",
            Required = true,
            HelpName = "FILE",
        };
        var outputFile = new Option<string>("--output")
        {
            Description = "CSV file for the predictions (one row per data row). Without it the predictions go to stdout and the report to stderr.",
            HelpName = "FILE",
        };
        var command = new Command("predict", "Score a CSV/TSV file with a saved model and write one prediction row per data row.") { model, data, outputFile };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            string? target = parseResult.GetValue(outputFile);
            if (target is null && output.Json)
                throw new UserException("--json writes its figures to stdout; give --output FILE for the predictions");
            new CommandFiles().Input("--model", parseResult.GetValue(model)).Input("--data", parseResult.GetValue(data))
                .Output("--output", target).Check();
            return PredictRunner.Run(parseResult.GetValue(model)!, parseResult.GetValue(data)!, target, output);
        }));
        return command;
    }
}

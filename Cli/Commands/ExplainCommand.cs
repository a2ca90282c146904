using System.CommandLine;
using MLExt.Cli.Explain;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext explain</c>: why a saved model predicts what it does, per row and overall, as an HTML report.</summary>
internal static class ExplainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "ML.NET model zip holding an MLExt network (from 'mlext train --save' or mlContext.Model.Save).", Required = true, HelpName = "FILE" };
        var data = new Option<string>("--data") { Description = "CSV or TSV file with a header row holding the model's input columns, by name.", Required = true, HelpName = "FILE" };
        var method = new Option<string>("--method") { Description = "ig (integrated gradients, default), saliency, gradient-input, smoothgrad or occlusion (leave one feature out).", DefaultValueFactory = _ => "ig" };
        method.AcceptOnlyFromAmong(ExplainRequest.Methods.Keys.ToArray());
        var rows = new Option<int>("--rows") { Description = "Rows drawn one by one in the report (every row counts towards the global importance).", DefaultValueFactory = _ => 5, HelpName = "N" };
        var steps = new Option<int>("--steps") { Description = "ig: integration steps (Gauss–Legendre); smoothgrad: noisy samples.", DefaultValueFactory = _ => 50, HelpName = "N" };
        var report = new Option<string>("--report") { Description = "Directory for report.html and plots/.", Required = true, HelpName = "DIR" };
        var command = new Command("explain", "Explain a saved network's predictions: attributions per row (bars for table rows, heat maps for images) and global importance, as an HTML report.")
        {
            model, data, method, rows, steps, report,
        };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var request = new ExplainRequest(parseResult.GetValue(model)!, parseResult.GetValue(data)!, parseResult.GetValue(method)!,
                OptionRules.AtLeastOne("--rows", parseResult.GetValue(rows)), OptionRules.AtLeastOne("--steps", parseResult.GetValue(steps)),
                parseResult.GetValue(report)!);
            new CommandFiles().Input("--model", request.ModelPath).Input("--data", request.DataPath)
                .Output("--report", request.ReportDirectory, folder: true).Check();
            return ExplainRunner.Run(request, output);
        }));
        return command;
    }
}

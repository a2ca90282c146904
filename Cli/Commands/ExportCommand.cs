using System.CommandLine;
using MLExt.Cli.Output;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext export</c>: the MLExt network of a saved model zip as a standard ONNX file.</summary>
internal static class ExportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "ML.NET model zip holding an MLExt network (from 'mlext train --save' or mlContext.Model.Save).", Required = true, HelpName = "FILE" };
        var onnx = new Option<string>("--onnx") { Description = "ONNX file to write (opset 17): the network and its output columns, for any batch size.", Required = true, HelpName = "FILE" };
        var command = new Command("export", "Export the neural network of a saved model as an ONNX file.") { model, onnx };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            new CommandFiles().Input("--model", parseResult.GetValue(model)).Output("--onnx", parseResult.GetValue(onnx)).Check();
            return ExportRunner.Run(parseResult.GetValue(model)!, parseResult.GetValue(onnx)!, output);
        }));
        return command;
    }
}

using System.Globalization;
using System.CommandLine;
using System.CommandLine.Invocation;

namespace MLExt.Cli.Commands;

/// <summary>The <c>mlext</c> command line: the demo as the root command, <c>train</c>, <c>predict</c>, <c>export</c>, and the global <c>--json</c>.</summary>
internal static class CliApp
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs the command, writing to the given streams; returns the exit code.
    /// Figures are formatted in the invariant culture whatever the machine's locale.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return Invoke(args, stdout, stderr);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>Builds the command tree; actions write to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static (RootCommand Root, CommandContext Context) Build(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json")
        {
            Description = "End with one JSON object on stdout holding the command's figures; the human-readable report goes to stderr.",
            Recursive = true,
        };
        var context = new CommandContext(stdout, stderr, json);
        var root = new RootCommand(
            "MLExt: deep learning for ML.NET in pure C#. Without a command, runs the demo: an MLP on the MNIST digits " +
            "shipped with MLExt, compared with ML.NET's LbfgsMaximumEntropy and LightGbm on the same split.");
        root.Options.Add(json);
        DemoCommand.Configure(root, context);
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(PredictCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(CvCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(ImagesCommand.Create(context));
        root.Subcommands.Add(SpamCommand.Create(context));
        root.Subcommands.Add(GanCommand.Create(context));
        root.Subcommands.Add(TuneCommand.Create(context));
        root.Subcommands.Add(StudyCommand.Create(context));
        root.Subcommands.Add(VaeCommand.Create(context));
        return (root, context);
    }

    private static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (root, context) = Build(stdout, stderr);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
            return context.ReportUsageErrors(parseResult);
        return parseResult.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }
}

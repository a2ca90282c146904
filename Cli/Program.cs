using MLExt.Cli.Commands;

namespace MLExt.Cli;

/// <summary>The <c>mlext</c> executable.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CtrlC.Install();
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>Runs the command line in-process, writing to the given streams; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) => CliApp.Run(args, stdout, stderr);
}

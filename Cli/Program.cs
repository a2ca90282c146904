using MLExt.Cli.Commands;
using MLExt.IO;

namespace MLExt.Cli;

/// <summary>The <c>mlext</c> executable.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Every temporary file of the process (ML.NET's copies of the network, its zip entries) goes into a folder
        // readable by this user only, deleted at exit and on Ctrl+C.
        PrivateTempFolder.UseForProcess();
        CtrlC.Install();
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>Runs the command line in-process, writing to the given streams; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) => CliApp.Run(args, stdout, stderr);
}

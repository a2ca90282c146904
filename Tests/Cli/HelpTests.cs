using System.CommandLine;
using MLExt.Cli.Commands;

namespace MLExt.Tests.Cli;

public class HelpTests
{
    [Fact]
    public void RootHelpListsTheCommandsAndTheDemoOptions()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("train", run.Stdout);
        Assert.Contains("demo", run.Stdout);
        foreach (string option in new[] { "--json", "--epochs", "--batch-size", "--learning-rate", "--seed" })
            Assert.Contains(option, run.Stdout);
    }

    [Fact]
    public void EveryCommandsHelpDocumentsEveryOptionItTakes()
    {
        var (root, _) = CliApp.Build(TextWriter.Null, TextWriter.Null);
        foreach (var command in new[] { (Command)root }.Concat(root.Subcommands))
        {
            string[] path = command == root ? ["--help"] : [command.Name, "--help"];
            var run = CliRun.Of(path);
            Assert.Equal(0, run.ExitCode);
            var options = command.Options.Concat(root.Options.Where(o => o.Recursive));
            foreach (var option in options)
            {
                Assert.Contains(option.Name, run.Stdout);
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{command.Name} {option.Name} has no description");
            }
        }
    }

    [Fact]
    public void TrainHelpNamesTheTasks()
    {
        var run = CliRun.Of("train", "--help");
        Assert.Contains("binary|multiclass|regression", run.Stdout);
    }
}

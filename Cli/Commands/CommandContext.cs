using System.CommandLine;
using MLExt.Cli.Output;
using MLExt.Neural;

namespace MLExt.Cli.Commands;

/// <summary>What every command's action shares: the process's streams and the global <c>--json</c> option.</summary>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="Json">The recursive <c>--json</c> option.</param>
internal sealed record CommandContext(TextWriter Stdout, TextWriter Stderr, Option<bool> Json)
{
    /// <summary>Exit code of a user error: bad option value, missing file or column, unusable data.</summary>
    public const int UserError = 1;

    /// <summary>Exit code of a usage error found by the parser: unknown option, missing required option, unparsable value.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Runs a command's body with its output; any exception becomes one line on stderr (no stack trace)
    /// and exit code <see cref="UserError"/>.
    /// </summary>
    public int Run(ParseResult parseResult, Func<CliOutput, int> body)
    {
        var output = CliOutput.Create(Stdout, Stderr, parseResult.GetValue(Json));
        try
        {
            return body(output);
        }
        catch (Exception e) when (e is UserException or TrainingDivergedException)
        {
            return output.Fail(OneLine(e.Message), UserError);
        }
        catch (Exception e)
        {
            // A failure no check foresaw: its message, never the exception's type name nor a stack trace.
            return output.Fail($"unexpected failure: {OneLine(Innermost(e).Message)}", UserError);
        }
    }

    /// <summary>The exception that carries the cause: <paramref name="e"/> without its reflection and task wrappers.</summary>
    public static Exception Innermost(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or AggregateException or TypeInitializationException && e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    /// <summary>Reports the parser's errors (exit code <see cref="UsageError"/>), pointing at the command's help.</summary>
    public int ReportUsageErrors(ParseResult parseResult)
    {
        bool json = parseResult.GetResult(Json) is not null && parseResult.GetValue(Json);
        var output = CliOutput.Create(Stdout, Stderr, json);
        string command = string.Join(' ', parseResult.CommandResult.Command.Parents.OfType<Command>().Reverse()
            .Append(parseResult.CommandResult.Command).Select(c => c is RootCommand ? "mlext" : c.Name));
        string message = string.Join(" ", parseResult.Errors.Select(e => OneLine(e.Message)));
        output.Fail(message, UsageError);
        Stderr.WriteLine($"Run '{command} --help' for the options.");
        return UsageError;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

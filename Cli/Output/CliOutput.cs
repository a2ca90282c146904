using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace MLExt.Cli.Output;

/// <summary>
/// Where a command writes. Normally the human-readable report (progress, tables) goes to stdout.
/// With <c>--json</c>, stdout carries only the final JSON object; the report goes to stderr as plain text.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // plain quotes and non-ASCII in messages; never embedded in HTML
    };

    private readonly TextWriter _stdout;

    private CliOutput(TextWriter stdout, TextWriter stderr, bool json, IAnsiConsole report)
    {
        _stdout = stdout;
        Error = stderr;
        Json = json;
        Report = report;
    }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json { get; }

    /// <summary>The console the human-readable report goes to (stdout, or stderr with <c>--json</c>).</summary>
    public IAnsiConsole Report { get; }

    /// <summary>Whether the report console is a terminal that can show a live progress bar.</summary>
    public bool Interactive => Report.Profile.Capabilities.Interactive;

    /// <summary>The error stream.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard output, for data a command writes there (such as predictions) rather than the report.</summary>
    public TextWriter Stdout => _stdout;

    /// <summary>
    /// Creates the output for one invocation. Only the process's own console gets colours and a live
    /// progress bar; any other writer (tests, <c>--json</c>'s stderr) gets plain text.
    /// </summary>
    public static CliOutput Create(TextWriter stdout, TextWriter stderr, bool json)
    {
        TextWriter reportWriter = json ? stderr : stdout;
        bool terminal = ReferenceEquals(reportWriter, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(reportWriter),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = 1000; // no wrapping in files and pipes
        return new CliOutput(stdout, stderr, json, console);
    }

    /// <summary>Writes a plain line to the report.</summary>
    public void Line(string text = "") => Report.WriteLine(text);

    /// <summary>Writes <paramref name="figures"/> as the final JSON object on stdout when <c>--json</c> was given.</summary>
    public void FinalJson(object figures)
    {
        if (!Json)
            return;
        _stdout.WriteLine(JsonSerializer.Serialize(figures, JsonOptions));
        _stdout.Flush();
    }

    /// <summary>Reports a failure: one line on stderr and, with <c>--json</c>, an <c>{"error", "exitCode"}</c> object on stdout.</summary>
    public int Fail(string message, int exitCode)
    {
        Error.WriteLine($"error: {message}");
        Error.Flush();
        FinalJson(new { Error = message, ExitCode = exitCode });
        return exitCode;
    }
}

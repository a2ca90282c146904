using System.Text.Json;
using MLExt.Cli;

namespace MLExt.Tests.Cli;

/// <summary>One in-process run of the <c>mlext</c> command line.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs <c>mlext</c> with <paramref name="args"/>, capturing both streams.</summary>
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = Program.Run(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Stdout parsed as exactly one JSON object.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a user or usage error: non-zero exit, the message on stderr, no stack trace anywhere.</summary>
    public void AssertFailure(int exitCode, params string[] expectedInMessage)
    {
        Assert.True(ExitCode == exitCode, $"exit code {ExitCode}, expected {exitCode}; stderr: {Stderr}");
        foreach (string expected in expectedInMessage)
            Assert.Contains(expected, Stderr);
        Assert.DoesNotContain("   at ", Stderr);
        Assert.DoesNotContain("   at ", Stdout);
    }
}

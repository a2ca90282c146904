using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>Checks on a <see cref="CliRun"/> shared by the reliability promises.</summary>
internal static class CliRunChecks
{
    /// <summary>Asserts exit code 0, showing stderr when it is not.</summary>
    public static void AssertSuccess(this CliRun run) =>
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Stderr}; stdout: {run.Stdout}");

    /// <summary>Asserts that no line of either stream starts an error with a .NET exception's type name.</summary>
    public static void AssertNoExceptionName(this CliRun run)
    {
        foreach (string text in new[] { run.Stdout, run.Stderr })
            Assert.DoesNotMatch(@"(?m)^error: \w*Exception\b|\b(System\.)?\w+Exception:", text);
    }
}

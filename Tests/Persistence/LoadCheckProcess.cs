using System.Diagnostics;
using System.Text.Json;
using MLExt.LoadCheck;

namespace MLExt.Tests.Persistence;

/// <summary>Runs the MLExt.LoadCheck helper in a separate <c>dotnet</c> process and reads its report.</summary>
internal static class LoadCheckProcess
{
    /// <summary>Loads <paramref name="modelPath"/> in a fresh process, scores <paramref name="dataPath"/> and returns the report.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">The process failed; its error output is in the message.</exception>
    public static ScoredReport Run(string modelPath, string dataPath, string task, bool register = true)
    {
        var (exitCode, _, error, reportPath) = Start(modelPath, dataPath, task, register);
        Assert.True(exitCode == 0, $"MLExt.LoadCheck exited with {exitCode}:\n{error}");
        return JsonSerializer.Deserialize<ScoredReport>(File.ReadAllText(reportPath))!;
    }

    /// <summary>Runs the helper and returns its exit code, output, error output and report path.</summary>
    public static (int ExitCode, string Output, string Error, string ReportPath) Start(string modelPath, string dataPath, string task, bool register)
    {
        string helper = Path.Combine(AppContext.BaseDirectory, "MLExt.LoadCheck.dll");
        Assert.True(File.Exists(helper), $"The helper {helper} was not built.");
        string reportPath = Path.ChangeExtension(modelPath, ".report.json");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", helper, modelPath, dataPath, task, reportPath }) start.ArgumentList.Add(argument);
        if (!register) start.ArgumentList.Add("--no-register");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "MLExt.LoadCheck did not finish within 2 minutes.");
        return (process.ExitCode, output.Result, error.Result, reportPath);
    }
}

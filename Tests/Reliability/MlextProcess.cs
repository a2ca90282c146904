using System.Diagnostics;

namespace MLExt.Tests.Reliability;

/// <summary>Runs <c>mlext</c> as a user does, in its own process, with its own temporary folder (TMPDIR).</summary>
internal static class MlextProcess
{
    /// <summary>Runs <c>mlext</c> with <paramref name="args"/> and TMPDIR set to <paramref name="tempFolder"/>; returns the exit code and stderr.</summary>
    public static (int ExitCode, string Stderr) Run(string tempFolder, params string[] args) => Run(tempFolder, interruptWhen: null, args);

    /// <summary>
    /// Runs <c>mlext</c> as <see cref="Run(string, string[])"/> does; when <paramref name="interruptWhen"/> first holds
    /// (polled every 10 ms), sends it SIGINT, as Ctrl+C does.
    /// </summary>
    public static (int ExitCode, string Stderr) Run(string tempFolder, Func<bool>? interruptWhen, params string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "mlext.dll");
        Assert.True(File.Exists(cli), $"{cli} was not built.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TMPDIR"] = tempFolder;
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(cli);
        foreach (string argument in args) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (interruptWhen is not null)
        {
            while (!process.HasExited && !interruptWhen())
                Thread.Sleep(10);
            if (!process.HasExited)
                Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "mlext did not finish within 3 minutes.");
        _ = output.Result;
        return (process.ExitCode, error.Result);
    }
}

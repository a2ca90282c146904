using System.Diagnostics;

namespace MLExt.Tests.Evaluation;

/// <summary>Headless Chromium (Debian package <c>chromium</c>), when installed: tools/report-browser/check.sh installs it.</summary>
internal static class Chromium
{
    /// <summary>The browser's path, or null when none is installed.</summary>
    public static string? Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public const string Missing = "Chromium is not installed: run tools/services/chromium.sh (it installs the Debian package 'chromium'; .ci/run does) or 'apt-get install chromium'.";

    /// <summary>Runs headless Chromium with <paramref name="arguments"/> and returns its standard output.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(Missing))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within 2 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {error.Result}");
        return output;
    }
}

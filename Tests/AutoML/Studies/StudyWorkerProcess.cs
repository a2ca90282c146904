using System.Diagnostics;

namespace MLExt.Tests.AutoML.Studies;

/// <summary>A worker of Samples/DistributedStudy in its own <c>dotnet</c> process, whose output lines are collected as they come.</summary>
internal sealed class StudyWorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly System.Text.StringBuilder _error = new();

    public StudyWorkerProcess(params string[] arguments)
    {
        string worker = Path.Combine(AppContext.BaseDirectory, "MLExt.Samples.DistributedStudy.dll");
        Assert.True(File.Exists(worker), $"The worker {worker} was not built.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["exec", worker, .. arguments])
            start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string[] Lines { get { lock (_lines) return _lines.ToArray(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Waits until the worker prints a line starting with <paramref name="prefix"/>, and returns it.</summary>
    public string WaitFor(string prefix, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
                return line;
            Assert.False(_process.HasExited && Lines.All(l => !l.StartsWith(prefix, StringComparison.Ordinal)), $"The worker ended before '{prefix}':\n{Error}");
            Thread.Sleep(20);
        }
        throw new TimeoutException($"The worker printed no '{prefix}' within {timeout}:\n{string.Join('\n', Lines)}\n{Error}");
    }

    /// <summary>Kills the worker at once, as kill -9 does (no clean-up runs).</summary>
    public void KillNow() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the worker to end and returns its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        Assert.True(_process.WaitForExit(timeout), $"The worker did not finish within {timeout}:\n{string.Join('\n', Lines)}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

using System.Diagnostics;

namespace MLExt.Benchmarks.Reporting;

/// <summary>Wall-clock timing of repeated calls.</summary>
internal static class Timing
{
    /// <summary>
    /// Seconds per call of <paramref name="action"/>: calls it in a loop, doubling the count until one
    /// loop lasts at least <paramref name="minSeconds"/>, and returns that loop's time per call.
    /// </summary>
    public static double SecondsPerCall(Action action, double minSeconds)
    {
        long calls = 1;
        while (true)
        {
            var clock = Stopwatch.StartNew();
            for (long i = 0; i < calls; i++) action();
            double seconds = clock.Elapsed.TotalSeconds;
            if (seconds >= minSeconds) return seconds / calls;
            calls = seconds <= 0 ? calls * 16 : Math.Max(calls * 2, (long)Math.Ceiling(calls * minSeconds * 1.2 / seconds));
        }
    }

    /// <summary>
    /// Wall-clock and process CPU seconds per call of <paramref name="action"/>, over a loop lasting at least
    /// <paramref name="minSeconds"/> of wall-clock time. On a busy machine the CPU time of single-threaded
    /// work stays close to what a quiet machine gives, while the wall-clock time includes waiting for a core.
    /// </summary>
    public static (double Wall, double Cpu) WallAndCpuPerCall(Action action, double minSeconds)
    {
        action();
        using var process = Process.GetCurrentProcess();
        long calls = 0;
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < minSeconds)
        {
            for (int i = 0; i < 16; i++) action();
            calls += 16;
        }
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall / calls, (process.TotalProcessorTime - cpu).TotalSeconds / calls);
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

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

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

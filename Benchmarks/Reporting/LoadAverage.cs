using System.Globalization;

namespace MLExt.Benchmarks.Reporting;

/// <summary>
/// The machine's 1-minute load average (Linux <c>/proc/loadavg</c>), read before and after each
/// measurement so that a figure taken while other work ran can be told from the machine's capability.
/// </summary>
internal static class LoadAverage
{
    /// <summary>The 1-minute load average, or NaN where the system does not publish it.</summary>
    public static double Read()
    {
        try
        {
            if (!File.Exists("/proc/loadavg")) return double.NaN;
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    /// <summary>Starts a window: reads the load average now; <see cref="LoadWindow.Close"/> reads it again.</summary>
    public static LoadWindow Open() => new(Read());
}

using System.Globalization;

namespace MLExt.Benchmarks.Reporting;

/// <summary>
/// Cumulative CPU time of the whole machine (<c>/proc/stat</c>) and of this process (<c>/proc/self/stat</c>), in the
/// kernel's clock ticks. The difference over a measurement is the CPU time other processes took, which tells a busy
/// machine from a measurement that keeps every core busy by itself (the load average cannot tell the two apart).
/// </summary>
internal readonly record struct CpuTimes(long MachineBusy, long MachineTotal, long Process)
{
    /// <summary>The readings now, or null where Linux's /proc is not there.</summary>
    public static CpuTimes? Read()
    {
        try
        {
            if (!File.Exists("/proc/stat") || !File.Exists("/proc/self/stat")) return null;
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": idle and iowait are not busy;
            // guest time is already counted in user.
            string[] cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long[] ticks = cpu.Skip(1).Take(8).Select(ParseLong).ToArray();
            long total = ticks.Sum();
            long busy = total - ticks[3] - ticks[4];
            // The process's fields after its parenthesised name: utime and stime are the 12th and 13th.
            string self = File.ReadAllText("/proc/self/stat");
            string[] fields = self[(self.LastIndexOf(')') + 2)..].Split(' ');
            long process = ParseLong(fields[11]) + ParseLong(fields[12]);
            return new CpuTimes(busy, total, process);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException
                                      or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The share of the machine's CPU time (0–1) that processes other than this one used since
    /// <paramref name="start"/>.</summary>
    public double OthersShareSince(CpuTimes start)
    {
        long total = MachineTotal - start.MachineTotal;
        if (total <= 0) return 0;
        long others = MachineBusy - start.MachineBusy - (Process - start.Process);
        return Math.Clamp((double)others / total, 0, 1);
    }

    private static long ParseLong(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}

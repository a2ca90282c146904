using System.Globalization;
using System.Text.Json.Nodes;

namespace MLExt.Benchmarks.Reporting;

/// <summary>
/// The 1-minute load average before and after one measurement, and the share of the machine's CPU time that
/// other processes took meanwhile. A measurement that keeps every core busy raises the load average towards the
/// number of cores by itself, so the load average alone cannot say whether something else ran: the figure is marked
/// busy when other processes took more than <see cref="BusyShare"/> of the CPU time during the measurement.
/// </summary>
internal sealed class LoadWindow(double before)
{
    /// <summary>Other processes' share of the CPU time above which a figure is marked busy.</summary>
    public const double BusyShare = 0.10;

    private readonly CpuTimes? _start = CpuTimes.Read();

    /// <summary>The load average when the measurement started.</summary>
    public double Before { get; } = before;

    /// <summary>The load average when it ended (NaN until <see cref="Close"/>).</summary>
    public double After { get; private set; } = double.NaN;

    /// <summary>Other processes' share (0–1) of the machine's CPU time during the measurement (NaN until
    /// <see cref="Close"/>, or where /proc is not there). Falls back on the load average where it cannot be read.</summary>
    public double OthersShare { get; private set; } = double.NaN;

    /// <summary>Whether other work shared the machine during the measurement.</summary>
    public bool IsBusy => double.IsNaN(OthersShare) ? Math.Max(Before, After) > Machine.Cores : OthersShare > BusyShare;

    /// <summary>Reads the load average and the CPU times at the end of the measurement; returns this window.</summary>
    public LoadWindow Close()
    {
        After = LoadAverage.Read();
        if (_start is { } start && CpuTimes.Read() is { } end) OthersShare = end.OthersShareSince(start);
        return this;
    }

    /// <summary>Widens the window to cover <paramref name="other"/> too (the highest readings of both).</summary>
    public LoadWindow Cover(LoadWindow other) => new(Max(Before, other.Before))
    {
        After = Max(After, other.After), OthersShare = Max(OthersShare, other.OthersShare),
    };

    /// <summary>"0.4→1.9 others 3%", with " busy" when <see cref="IsBusy"/>.</summary>
    public override string ToString() =>
        double.IsNaN(Before) ? "n/a"
            : $"{F(Before)}→{F(After)}{(double.IsNaN(OthersShare) ? "" : $" others {Percent(OthersShare)}")}"
              + (IsBusy ? " busy" : "");

    /// <summary>The readings as JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["before"] = Json(Before), ["after"] = Json(After), ["othersCpuShare"] = Json(OthersShare), ["busy"] = IsBusy,
    };

    private static double Max(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    private static JsonNode? Json(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 2));

    /// <summary>"3%" in the invariant culture.</summary>
    public static string Percent(double share) => (share * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}

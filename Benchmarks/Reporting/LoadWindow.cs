using System.Globalization;
using System.Text.Json.Nodes;

namespace MLExt.Benchmarks.Reporting;

/// <summary>
/// The 1-minute load average before and after one measurement. A measurement that keeps every core
/// busy raises the load towards the number of cores by itself, so the figure is marked busy when
/// either reading exceeds the number of cores: something else was running too.
/// </summary>
internal sealed class LoadWindow(double before)
{
    /// <summary>The load average when the measurement started.</summary>
    public double Before { get; } = before;

    /// <summary>The load average when it ended (NaN until <see cref="Close"/>).</summary>
    public double After { get; private set; } = double.NaN;

    /// <summary>Whether other work shared the machine during the measurement.</summary>
    public bool IsBusy => Math.Max(Before, After) > Machine.Cores;

    /// <summary>Reads the load average at the end of the measurement; returns this window.</summary>
    public LoadWindow Close()
    {
        After = LoadAverage.Read();
        return this;
    }

    /// <summary>Widens the window to cover <paramref name="other"/> too (the highest readings of both).</summary>
    public LoadWindow Cover(LoadWindow other) => new(Max(Before, other.Before)) { After = Max(After, other.After) };

    /// <summary>"0.4→1.9", with " busy" when <see cref="IsBusy"/>.</summary>
    public override string ToString() =>
        double.IsNaN(Before) ? "n/a" : $"{F(Before)}→{F(After)}{(IsBusy ? " busy" : "")}";

    /// <summary>The readings as JSON.</summary>
    public JsonObject ToJson() => new() { ["before"] = Json(Before), ["after"] = Json(After), ["busy"] = IsBusy };

    private static double Max(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    private static JsonNode? Json(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 2));

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}

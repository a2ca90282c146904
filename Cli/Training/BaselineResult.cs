namespace MLExt.Cli.Training;

/// <summary>A reference model's test figures.</summary>
/// <param name="Name">The model's name in tables.</param>
/// <param name="Metrics">Its test metrics, in the order of the network's.</param>
/// <param name="FitSeconds">Wall-clock seconds of its fit (featurisation included).</param>
internal sealed record BaselineResult(string Name, IReadOnlyList<Metric> Metrics, double FitSeconds);

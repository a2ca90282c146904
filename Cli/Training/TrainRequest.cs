namespace MLExt.Cli.Training;

/// <summary>The validated options of <c>mlext train</c>.</summary>
/// <param name="DataPath">The CSV/TSV file.</param>
/// <param name="Label">The label column's name.</param>
/// <param name="Task">What to predict.</param>
/// <param name="Features">Requested feature columns; empty for every other column.</param>
/// <param name="TestFraction">Fraction of rows held out for testing.</param>
/// <param name="Network">Network and training settings, and which came from the defaults.</param>
/// <param name="Baselines">The reference models fitted beside the network (<c>--baselines</c>).</param>
/// <param name="Text">The text column learnt from (<c>--text</c>), or null for tabular features.</param>
/// <param name="SavePath">Where to save the trained model as an ML.NET model zip (<c>--save</c>), or null.</param>
internal sealed record TrainRequest(
    string DataPath, string Label, TaskKind Task, IReadOnlyList<string> Features, float TestFraction,
    Commands.NetworkChoice Network, Models.Baselines Baselines, string? SavePath = null, Text.TextFeature? Text = null);

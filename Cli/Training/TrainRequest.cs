namespace MLExt.Cli.Training;

/// <summary>The validated options of <c>mlext train</c>.</summary>
/// <param name="DataPath">The CSV/TSV file.</param>
/// <param name="Label">The label column's name.</param>
/// <param name="Task">What to predict.</param>
/// <param name="Features">Requested feature columns; empty for every other column.</param>
/// <param name="TestFraction">Fraction of rows held out for testing.</param>
/// <param name="Layers">The <c>--layers</c> text, as given.</param>
/// <param name="Dropout">Dropout after each hidden layer.</param>
/// <param name="Network">Network and training settings.</param>
/// <param name="Text">The text column learnt from (<c>--text</c>), or null for tabular features.</param>
/// <param name="SavePath">Where to save the trained model as an ML.NET model zip (<c>--save</c>), or null.</param>
internal sealed record TrainRequest(
    string DataPath, string Label, TaskKind Task, IReadOnlyList<string> Features, float TestFraction,
    string Layers, float Dropout, NetworkSettings Network, string? SavePath = null, Text.TextFeature? Text = null);

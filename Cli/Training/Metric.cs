namespace MLExt.Cli.Training;

/// <summary>One figure of a model's test evaluation.</summary>
/// <param name="Name">The name shown in tables, e.g. <c>macro F1</c>.</param>
/// <param name="Key">The JSON property name, e.g. <c>macroF1</c>.</param>
/// <param name="Value">The value.</param>
internal readonly record struct Metric(string Name, string Key, double Value);

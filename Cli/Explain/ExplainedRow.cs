namespace MLExt.Cli.Explain;

/// <summary>One explained row: what the model predicted, and the attributions per input column and per feature slot.</summary>
internal sealed record ExplainedRow(string Prediction, float[] Columns, float[] Slots);

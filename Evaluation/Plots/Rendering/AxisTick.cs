namespace MLExt.Evaluation.Plots;

/// <summary>A tick at data value <paramref name="Value"/> with its label.</summary>
internal readonly record struct AxisTick(double Value, string Label);

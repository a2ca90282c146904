using MLExt.Neural.Onnx.Proto;

namespace MLExt.Trainers;

/// <summary>
/// One output a prediction head adds to the exported ONNX graph.
/// </summary>
/// <param name="Name">The output's name (the ML.NET column it becomes).</param>
/// <param name="Value">The graph value holding it, <c>[N, ...RowShape]</c>.</param>
/// <param name="Type">Its element type.</param>
/// <param name="RowShape">Its shape per row.</param>
/// <param name="SlotNames">Names of its slots (class names), or null.</param>
internal sealed record OnnxHeadOutput(string Name, string Value, TensorProto.Types.DataType Type, int[] RowShape, string[]? SlotNames = null);

namespace MLExt.Neural.Onnx.Import;

/// <summary>An initialiser (or <c>Constant</c> node) of an imported ONNX graph: its dimensions and its values as floats
/// (integer tensors keep their exact values in <see cref="Integers"/> too).</summary>
internal sealed record OnnxConstant(int[] Dims, float[] Values, long[]? Integers);

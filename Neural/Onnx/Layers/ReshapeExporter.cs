namespace MLExt.Neural.Onnx.Layers;

/// <summary>Reshape as ONNX Reshape to [0, ...output shape] (0 keeps the batch dimension).</summary>
internal static class ReshapeExporter
{
    public static string Export(Reshape layer, string input, OnnxGraphBuilder graph) =>
        graph.AddNode("Reshape", "reshape", [input, graph.AddInt64Constant("reshape_shape", [0, .. layer.OutputShape.Select(d => (long)d)])]);
}

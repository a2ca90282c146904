namespace MLExt.Neural.Onnx.Layers;

/// <summary>Reshape as ONNX Reshape to [N, ...shape]: the batch dimension is copied (0), the sample shape given.</summary>
internal static class ReshapeExporter
{
    public static string Export(Reshape layer, string input, OnnxGraphBuilder graph) => graph.AddNode("Reshape", "reshape",
        [input, graph.AddInt64Constant("reshape_shape", [0, .. layer.TargetShape.Select(d => (long)d)])]);
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>GlobalAveragePool2D as ONNX GlobalAveragePool ([N, C, 1, 1]) then Flatten to MLExt's [N, C].</summary>
internal static class GlobalAveragePool2DExporter
{
    public static string Export(GlobalAveragePool2D layer, string input, OnnxGraphBuilder graph) =>
        graph.AddNode("Flatten", "global_avg_pool_flat", [graph.AddNode("GlobalAveragePool", "global_avg_pool", [input])], OnnxAttributes.Int("axis", 1));
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>Flatten as ONNX Flatten(axis = 1): each sample becomes a row-major vector.</summary>
internal static class FlattenExporter
{
    public static string Export(Flatten layer, string input, OnnxGraphBuilder graph) =>
        graph.AddNode("Flatten", "flatten", [input], OnnxAttributes.Int("axis", 1));
}

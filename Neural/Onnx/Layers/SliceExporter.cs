namespace MLExt.Neural.Onnx.Layers;

/// <summary>Slice as ONNX Slice on axis + 1 (the batch is axis 0), positions [start, start + length).</summary>
internal static class SliceExporter
{
    public static string Export(Slice layer, string input, OnnxGraphBuilder graph)
    {
        int axis = (layer.Axis < 0 ? layer.InputShape.Length + layer.Axis : layer.Axis) + 1;
        return graph.AddNode("Slice", "slice",
        [
            input, graph.AddInt64Constant("slice_starts", [layer.Start]), graph.AddInt64Constant("slice_ends", [layer.Start + layer.Length]),
            graph.AddInt64Constant("slice_axes", [axis]),
        ]);
    }
}

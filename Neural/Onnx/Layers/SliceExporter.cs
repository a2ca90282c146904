namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// Slice as ONNX Slice on axis + 1 (the batch is axis 0), positions [start, start + length); slicing the time axis
/// slices the sequence mask <c>[N, time]</c> too, as the engine does.
/// </summary>
internal static class SliceExporter
{
    public static string Export(Slice layer, string input, OnnxGraphBuilder graph)
    {
        int axis = layer.Axis < 0 ? layer.InputShape.Length + layer.Axis : layer.Axis;
        if (axis == 0 && graph.SequenceMask is { } mask) graph.SequenceMask = Cut(graph, mask, layer, 1);
        return Cut(graph, input, layer, axis + 1);
    }

    private static string Cut(OnnxGraphBuilder graph, string value, Slice layer, long axis) => graph.AddNode("Slice", "slice",
    [
        value, graph.AddInt64Constant("slice_starts", [layer.Start]), graph.AddInt64Constant("slice_ends", [layer.Start + layer.Length]),
        graph.AddInt64Constant("slice_axes", [axis]),
    ]);
}

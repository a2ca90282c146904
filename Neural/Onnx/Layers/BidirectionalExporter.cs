namespace MLExt.Neural.Onnx.Layers;

/// <summary>Bidirectional as one ONNX recurrent node with direction = "bidirectional" (see <see cref="RecurrentExporter"/>), outputs concatenated or summed.</summary>
internal static class BidirectionalExporter
{
    public static string Export(Bidirectional layer, string input, OnnxGraphBuilder graph) =>
        RecurrentExporter.Add(graph, input, [layer.ForwardLayer, layer.BackwardLayer], layer.ForwardLayer.ReturnSequences, layer.Merge);
}

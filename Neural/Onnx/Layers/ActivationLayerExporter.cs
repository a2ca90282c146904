namespace MLExt.Neural.Onnx.Layers;

/// <summary>A stand-alone activation layer as its ONNX operator(s).</summary>
internal static class ActivationLayerExporter
{
    public static string Export(ActivationLayer layer, string input, OnnxGraphBuilder graph) =>
        ActivationExporter.Add(graph, layer.Activation, layer.Alpha, input);
}

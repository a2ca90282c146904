namespace MLExt.Neural.Onnx.Layers;

/// <summary>Dropout is the identity at inference, so it adds nothing to the graph.</summary>
internal static class DropoutExporter
{
    public static string Export(Dropout layer, string input, OnnxGraphBuilder graph) => input;
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>Augmentation layers are exact identities at inference, so they add nothing to the graph.</summary>
internal static class AugmentationExporter
{
    public static string Export(AugmentationLayer layer, string input, OnnxGraphBuilder graph) => input;
}

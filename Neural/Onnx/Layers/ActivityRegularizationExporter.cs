namespace MLExt.Neural.Onnx.Layers;

/// <summary>ActivityRegularization is an identity at inference (its loss term exists only while training): no node.</summary>
internal static class ActivityRegularizationExporter
{
    public static string Export(ActivityRegularization layer, string input, OnnxGraphBuilder graph) => input;
}

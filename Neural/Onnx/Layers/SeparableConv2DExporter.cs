namespace MLExt.Neural.Onnx.Layers;

/// <summary>SeparableConv2D as its two parts: the depthwise convolution, then the pointwise 1×1 convolution.</summary>
internal static class SeparableConv2DExporter
{
    public static string Export(SeparableConv2D layer, string input, OnnxGraphBuilder graph) =>
        graph.AddLayer(layer.Pointwise, graph.AddLayer(layer.Depthwise, input));
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>DepthwiseConv2D as ONNX Conv with group = input channels (W [channels·M, 1, kH, kW]) plus its fused activation.</summary>
internal static class DepthwiseConv2DExporter
{
    public static string Export(DepthwiseConv2D layer, string input, OnnxGraphBuilder graph) =>
        WindowExporter.AddConvolution(graph, input, layer.InputShape, layer.Kernel, layer.Bias, layer.KernelSize, layer.Stride,
            layer.Dilation, layer.Padding, layer.InputShape[0], layer.Activation, float.NaN);
}

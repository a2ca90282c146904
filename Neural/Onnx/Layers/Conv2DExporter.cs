namespace MLExt.Neural.Onnx.Layers;

/// <summary>Conv2D as ONNX Conv (explicit pads, groups, dilations) plus its fused activation.</summary>
internal static class Conv2DExporter
{
    public static string Export(Conv2D layer, string input, OnnxGraphBuilder graph) =>
        WindowExporter.AddConvolution(graph, input, layer.InputShape, layer.Kernel, layer.Bias, layer.KernelSize, layer.Stride,
            layer.Dilation, layer.Padding, layer.Groups, layer.Activation, layer.ActivationAlpha);
}

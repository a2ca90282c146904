namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// Conv2DTranspose as ONNX ConvTranspose (W already in its [channels, filters, kH, kW] layout; explicit pads, output
/// padding, dilations) plus the fused activation.
/// </summary>
internal static class Conv2DTransposeExporter
{
    public static string Export(Conv2DTranspose layer, string input, OnnxGraphBuilder graph)
    {
        var inputs = new List<string> { input, graph.AddConstant("deconv_kernel", layer.Kernel.Value.Shape, layer.Kernel.Value.Span) };
        if (layer.Bias is { } bias) inputs.Add(graph.AddConstant("deconv_bias", bias.Value.Shape, bias.Value.Span));
        var (top, left) = layer.ResolvedPadding;
        var (bottom, right) = layer.ResolvedEndPadding;
        var attributes = new List<Proto.AttributeProto>
        {
            OnnxAttributes.Ints("kernel_shape", [layer.KernelSize.Height, layer.KernelSize.Width]),
            OnnxAttributes.Ints("strides", [layer.Stride.Height, layer.Stride.Width]),
            OnnxAttributes.Ints("pads", [top, left, bottom, right]),
            OnnxAttributes.Ints("dilations", [layer.Dilation.Height, layer.Dilation.Width]),
        };
        if (layer.OutputPadding != new Size2D(0, 0))
            attributes.Add(OnnxAttributes.Ints("output_padding", [layer.OutputPadding.Height, layer.OutputPadding.Width]));
        var y = graph.AddNode("ConvTranspose", "deconv", inputs, [.. attributes]);
        return ActivationExporter.Add(graph, layer.Activation, layer.ActivationAlpha, y);
    }
}

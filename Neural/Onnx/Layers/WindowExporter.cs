namespace MLExt.Neural.Onnx.Layers;

/// <summary>The attributes of a 2-D sliding window (convolution, pooling) over an image input [channels, height, width].</summary>
internal static class WindowExporter
{
    /// <summary>
    /// kernel_shape, strides, dilations (when not 1) and explicit pads [top, left, bottom, right], resolved from
    /// <paramref name="padding"/> for the layer's input size exactly as MLExt resolves them ('same' puts an odd
    /// extra row or column at the bottom or right).
    /// </summary>
    public static Proto.AttributeProto[] Attributes(int[] inputShape, Size2D kernel, Size2D stride, Size2D dilation, Padding padding)
    {
        int windowH = (kernel.Height - 1) * dilation.Height + 1, windowW = (kernel.Width - 1) * dilation.Width + 1;
        var (top, bottom) = padding.Resolve(inputShape[1], windowH, stride.Height, vertical: true);
        var (left, right) = padding.Resolve(inputShape[2], windowW, stride.Width, vertical: false);
        var attributes = new List<Proto.AttributeProto>
        {
            OnnxAttributes.Ints("kernel_shape", [kernel.Height, kernel.Width]),
            OnnxAttributes.Ints("strides", [stride.Height, stride.Width]),
            OnnxAttributes.Ints("pads", [top, left, bottom, right]),
        };
        if (dilation.Height != 1 || dilation.Width != 1) attributes.Add(OnnxAttributes.Ints("dilations", [dilation.Height, dilation.Width]));
        return [.. attributes];
    }

    /// <summary>y = act(Conv(x, W, b)) with <paramref name="groups"/> channel groups; W is stored in ONNX's [filters, channels/groups, kH, kW] layout.</summary>
    public static string AddConvolution(OnnxGraphBuilder graph, string input, int[] inputShape, Parameter kernel, Parameter? bias,
        Size2D kernelSize, Size2D stride, Size2D dilation, Padding padding, int groups, Activation activation, float alpha)
    {
        var inputs = new List<string> { input, graph.AddConstant("conv_kernel", kernel.Value.Shape, kernel.Value.Span) };
        if (bias is not null) inputs.Add(graph.AddConstant("conv_bias", bias.Value.Shape, bias.Value.Span));
        var attributes = Attributes(inputShape, kernelSize, stride, dilation, padding).Append(OnnxAttributes.Int("group", groups)).ToArray();
        return ActivationExporter.Add(graph, activation, alpha, graph.AddNode("Conv", "conv", inputs, attributes));
    }
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>Dense as ONNX: y = f(Gemm(x, W, b)), or f(MatMul(x, W)) without bias; W is stored <c>[in, units]</c>.</summary>
internal static class DenseExporter
{
    public static string Export(Dense layer, string input, OnnxGraphBuilder graph)
    {
        string kernel = graph.AddConstant("dense_kernel", layer.Kernel.Value.Shape, layer.Kernel.Value.Span);
        string z = layer.Bias is { } bias
            ? graph.AddNode("Gemm", "dense", [input, kernel, graph.AddConstant("dense_bias", bias.Value.Shape, bias.Value.Span)])
            : graph.AddNode("MatMul", "dense", [input, kernel]);
        return ActivationExporter.Add(graph, layer.Activation, layer.ActivationAlpha, z);
    }
}

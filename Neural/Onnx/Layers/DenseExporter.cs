namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// Dense as ONNX: y = f(Gemm(x, W, b)), or f(MatMul(x, W)) without bias; W is stored <c>[in, units]</c>. Sequence
/// inputs <c>[N, time, in]</c> use f(Add(MatMul(x, W), b)), MatMul broadcasting W over the positions.
/// </summary>
internal static class DenseExporter
{
    public static string Export(Dense layer, string input, OnnxGraphBuilder graph)
    {
        string kernel = graph.AddConstant("dense_kernel", layer.Kernel.Value.Shape, layer.Kernel.Value.Span);
        string? bias = layer.Bias is { } b ? graph.AddConstant("dense_bias", b.Value.Shape, b.Value.Span) : null;
        string z = bias is null ? graph.AddNode("MatMul", "dense", [input, kernel])
            : layer.InputShape.Length == 1 ? graph.AddNode("Gemm", "dense", [input, kernel, bias])
            : graph.AddNode("Add", "dense", [graph.AddNode("MatMul", "dense_product", [input, kernel]), bias]);
        return ActivationExporter.Add(graph, layer.Activation, layer.ActivationAlpha, z);
    }
}

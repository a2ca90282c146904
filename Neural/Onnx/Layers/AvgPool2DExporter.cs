namespace MLExt.Neural.Onnx.Layers;

/// <summary>AvgPool2D as ONNX AveragePool with count_include_pad = 0: padded positions are not counted, as in MLExt.</summary>
internal static class AvgPool2DExporter
{
    public static string Export(AvgPool2D layer, string input, OnnxGraphBuilder graph) =>
        graph.AddNode("AveragePool", "avg_pool", [input],
            [.. WindowExporter.Attributes(layer.InputShape, layer.PoolSize, layer.Stride, 1, layer.Padding), OnnxAttributes.Int("count_include_pad", 0)]);
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>MaxPool2D as ONNX MaxPool (padded positions never win, as in MLExt).</summary>
internal static class MaxPool2DExporter
{
    public static string Export(MaxPool2D layer, string input, OnnxGraphBuilder graph) =>
        graph.AddNode("MaxPool", "max_pool", [input], WindowExporter.Attributes(layer.InputShape, layer.PoolSize, layer.Stride, 1, layer.Padding));
}

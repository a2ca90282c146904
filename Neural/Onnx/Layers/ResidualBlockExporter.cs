namespace MLExt.Neural.Onnx.Layers;

/// <summary>ResidualBlock as its parts: y = Relu(Add(F(x), S(x))), F the main path, S the projection or the identity.</summary>
internal static class ResidualBlockExporter
{
    public static string Export(ResidualBlock layer, string input, OnnxGraphBuilder graph)
    {
        string main = layer.MainPath.Aggregate(input, (x, part) => graph.AddLayer(part, x));
        string shortcut = layer.ShortcutPath.Aggregate(input, (x, part) => graph.AddLayer(part, x));
        return graph.AddNode("Relu", "residual_relu", [graph.AddNode("Add", "residual_sum", [main, shortcut])]);
    }
}

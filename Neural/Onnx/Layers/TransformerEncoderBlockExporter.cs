namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// A Transformer encoder block as its parts: h = Add(x, A(x)), y = Add(h, F(h)) with the branches' layers exported in
/// order (pre-norm), or with LayerNormalization after each Add (post-norm). The attention reads the graph's sequence mask.
/// </summary>
internal static class TransformerEncoderBlockExporter
{
    public static string Export(TransformerEncoderBlock layer, string input, OnnxGraphBuilder graph)
    {
        var layers = layer.Layers;
        int attentionParts = layer.NormFirst ? 3 : 2, feedForwardParts = layer.NormFirst ? 4 : 3;
        string Residual(string x, IEnumerable<Layer> branch) =>
            graph.AddNode("Add", "residual", [x, branch.Aggregate(x, (value, part) => graph.AddLayer(part, value))]);

        string hidden = Residual(input, layers.Take(attentionParts));
        if (!layer.NormFirst) hidden = graph.AddLayer(layers[^2], hidden);
        string output = Residual(hidden, layers.Skip(attentionParts).Take(feedForwardParts));
        return layer.NormFirst ? output : graph.AddLayer(layers[^1], output);
    }
}

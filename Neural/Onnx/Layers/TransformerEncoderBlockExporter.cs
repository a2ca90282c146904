namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// A Transformer encoder block as its parts: h = Add(x, A(x)), y = Add(h, F(h)) with the branches' layers exported in
/// order (pre-norm), or with LayerNormalization after each Add (post-norm). The attention reads the graph's sequence mask.
/// </summary>
internal static class TransformerEncoderBlockExporter
{
    public static string Export(TransformerEncoderBlock layer, string input, OnnxGraphBuilder graph)
    {
        string Residual(string x, IEnumerable<Layer> branch) =>
            graph.AddNode("Add", "residual", [x, branch.Aggregate(x, (value, part) => graph.AddLayer(part, value))]);

        var (norm1, norm2) = layer.Norms;
        string hidden = Residual(input, layer.AttentionBranch);
        if (!layer.NormFirst) hidden = graph.AddLayer(norm1, hidden);
        string output = Residual(hidden, layer.FeedForwardBranch);
        return layer.NormFirst ? output : graph.AddLayer(norm2, output);
    }
}

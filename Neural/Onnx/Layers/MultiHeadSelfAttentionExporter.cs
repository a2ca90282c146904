namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// Multi-head self-attention as ONNX MatMul/Reshape/Transpose/Softmax: the projections through the Dense exporter,
/// Q, V → <c>[N, heads, time, keyDim]</c>, Kᵀ → <c>[N, heads, keyDim, time]</c>, P = Softmax(Q·Kᵀ/√keyDim + B) with
/// B = (mask − 1)·10⁹ broadcast over heads and queries, then P ⊙ mask (so a sequence without real steps gets zero
/// weights, as in MLExt), O = P·V back to <c>[N, time, heads·keyDim]</c> and the output projection. The mask is
/// <see cref="OnnxGraphBuilder.SequenceMask"/>; without one there is no bias.
/// </summary>
internal static class MultiHeadSelfAttentionExporter
{
    private const float MaskedScore = 1e9f;

    public static string Export(MultiHeadSelfAttention layer, string input, OnnxGraphBuilder graph)
    {
        int time = layer.InputShape[0], heads = layer.Heads, keyDim = layer.KeyDim;
        var projections = layer.Projections;
        string split = graph.AddInt64Constant("heads_shape", [0, time, heads, keyDim]);
        string SplitHeads(string value, params long[] perm) =>
            graph.AddNode("Transpose", "heads", [graph.AddNode("Reshape", "split", [value, split])], OnnxAttributes.Ints("perm", perm));

        string q = SplitHeads(graph.AddLayer(projections[0], input), 0, 2, 1, 3);
        string kT = SplitHeads(graph.AddLayer(projections[1], input), 0, 2, 3, 1);
        string v = SplitHeads(graph.AddLayer(projections[2], input), 0, 2, 1, 3);
        // S = Q·Kᵀ/√d (+ B)
        string scores = graph.AddNode("Mul", "scores", [graph.AddNode("MatMul", "qk", [q, kT]), graph.AddScalar("inverse_sqrt_d", 1f / MathF.Sqrt(keyDim))]);
        string? keyMask = null;
        if (graph.SequenceMask is { } mask)
        {
            keyMask = graph.AddNode("Unsqueeze", "key_mask", [mask, graph.AddInt64Constant("axes_heads_queries", [1, 2])]);
            string bias = graph.AddNode("Mul", "mask_bias", [graph.AddNode("Sub", "mask_minus_one", [keyMask, graph.AddScalar("one", 1f)]), graph.AddScalar("masked_score", MaskedScore)]);
            scores = graph.AddNode("Add", "masked_scores", [scores, bias]);
        }
        string weights = graph.AddNode("Softmax", "attention_weights", [scores], OnnxAttributes.Int("axis", -1));
        if (keyMask is not null) weights = graph.AddNode("Mul", "attention_weights_masked", [weights, keyMask]);
        // O = P·V → [N, time, heads·keyDim] ; y = O·Wo + bo
        string o = graph.AddNode("Transpose", "heads_back", [graph.AddNode("MatMul", "attended", [weights, v])], OnnxAttributes.Ints("perm", [0, 2, 1, 3]));
        string merged = graph.AddNode("Reshape", "merged", [o, graph.AddInt64Constant("merged_shape", [0, time, heads * keyDim])]);
        return graph.AddLayer(projections[3], merged);
    }
}

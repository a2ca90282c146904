namespace MLExt.Neural.Onnx;

/// <summary>The built-in merges as ONNX operators (the batch is axis 0, so a merge's sample axis a is ONNX axis a +
/// 1).</summary>
internal static class MergeOnnxExporter
{
    /// <exception cref="NotSupportedException">A merge type MLExt cannot export.</exception>
    public static string Export(Merge merge, IReadOnlyList<string> inputs, OnnxGraphBuilder graph) => merge switch
    {
        Add => Chain("Add", inputs, graph),
        Subtract => graph.AddNode("Sub", "sub", inputs),
        Multiply => Chain("Mul", inputs, graph),
        // Mean = (Σ xᵢ) / k, as the engine computes it.
        Average => graph.AddNode("Div", "average", [Chain("Add", inputs, graph), graph.AddScalar("average_count", inputs.Count)]),
        Concatenate c => graph.AddNode("Concat", "concat", inputs, OnnxAttributes.Int("axis", c.ResolvedAxis + 1)),
        _ => throw new NotSupportedException($"MLExt has no ONNX exporter for merges of type {merge.GetType().Name}."),
    };

    /// <summary>
    /// The output mask of a merge given its inputs' masks (null where none), as <see cref="Merge.CombineMasks"/> computes
    /// it: joined along the time axis by a concatenation there (ones for an input without a mask), else the first.
    /// </summary>
    public static string? Masks(Merge merge, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks, OnnxGraphBuilder graph)
    {
        if (masks.All(m => m is null)) return null;
        if (merge is not Concatenate { ResolvedAxis: 0 } concatenate) return masks.First(m => m is not null);
        var parts = new string[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            if (masks[i] is { } mask)
            {
                parts[i] = mask;
                continue;
            }
            // ones [N, time] shaped like the input: 0·Σ_features(x) + 1
            int rank = concatenate.InputShapes[i].Length;
            string perStep = rank == 1 ? inputs[i] : graph.AddNode("ReduceSum", "steps",
                [inputs[i], graph.AddInt64Constant("feature_axes", Enumerable.Range(2, rank - 1).Select(a => (long)a).ToArray())],
                OnnxAttributes.Int("keepdims", 0));
            parts[i] = graph.AddNode("Add", "all_real", [graph.AddNode("Mul", "zeros", [perStep, graph.AddScalar("zero", 0f)]), graph.AddScalar("one", 1f)]);
        }
        return graph.AddNode("Concat", "sequence_mask", parts, OnnxAttributes.Int("axis", 1));
    }

    // ((x₁ ∘ x₂) ∘ x₃) …, in the engine's order, so float rounding matches.
    private static string Chain(string op, IReadOnlyList<string> inputs, OnnxGraphBuilder graph)
    {
        var value = graph.AddNode(op, op.ToLowerInvariant(), [inputs[0], inputs[1]]);
        for (int i = 2; i < inputs.Count; i++) value = graph.AddNode(op, op.ToLowerInvariant(), [value, inputs[i]]);
        return value;
    }
}

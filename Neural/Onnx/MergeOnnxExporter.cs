namespace MLExt.Neural.Onnx;

/// <summary>The built-in merges as ONNX operators (the batch is axis 0, so a merge's sample axis a is ONNX axis a + 1).</summary>
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

    // ((x₁ ∘ x₂) ∘ x₃) …, in the engine's order, so float rounding matches.
    private static string Chain(string op, IReadOnlyList<string> inputs, OnnxGraphBuilder graph)
    {
        var value = graph.AddNode(op, op.ToLowerInvariant(), [inputs[0], inputs[1]]);
        for (int i = 2; i < inputs.Count; i++) value = graph.AddNode(op, op.ToLowerInvariant(), [value, inputs[i]]);
        return value;
    }
}

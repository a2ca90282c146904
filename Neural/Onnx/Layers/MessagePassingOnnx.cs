namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// Message passing over the graph's edge inputs (<see cref="OnnxGraphBuilder.Edges"/>) in opset-17 operators: Gather
/// picks each edge's source row, ScatterElements with reduction "add" sums the messages into their target rows.
/// Memory stays linear in the number of edges.
/// </summary>
internal static class MessagePassingOnnx
{
    /// <summary>Rows of <paramref name="values"/> <c>[N, …]</c> at <paramref name="nodes"/> (int64 <c>[E]</c>): <c>[E, …]</c>.</summary>
    public static string Gather(OnnxGraphBuilder graph, string values, string nodes) =>
        graph.AddNode("Gather", "edge_rows", [values, nodes], OnnxAttributes.Int("axis", 0));

    /// <summary><paramref name="into"/> <c>[N, …]</c> plus, for each edge k, <paramref name="messages"/>[k] added to row
    /// <paramref name="targets"/>[k].</summary>
    public static string ScatterAdd(OnnxGraphBuilder graph, string into, string messages, string targets, int messageRank)
    {
        long[] axes = [.. Enumerable.Range(1, messageRank - 1).Select(a => (long)a)];
        string index = axes.Length == 0 ? targets : graph.AddNode("Unsqueeze", "edge_index", [targets, graph.AddInt64Constant("message_axes", axes)]);
        string expanded = graph.AddNode("Expand", "edge_index_full", [index, graph.AddNode("Shape", "message_shape", [messages])]);
        return graph.AddNode("ScatterElements", "scatter_add", [into, expanded, messages],
            OnnxAttributes.Int("axis", 0), OnnxAttributes.Text("reduction", "add"));
    }

    /// <summary>The edge weights as a column <c>[E, 1]</c>.</summary>
    public static string WeightColumn(OnnxGraphBuilder graph) =>
        graph.AddNode("Unsqueeze", "edge_weight_column", [graph.Edges.Weight, graph.AddInt64Constant("column_axis", [1])]);

    /// <summary>A value of the shape of <paramref name="like"/>, all <paramref name="fill"/>.</summary>
    public static string Filled(OnnxGraphBuilder graph, string like, float fill)
    {
        string zeros = graph.AddNode("Mul", "zeros", [like, graph.AddScalar("zero", 0f)]);
        return fill == 0f ? zeros : graph.AddNode("Add", "filled", [zeros, graph.AddScalar("fill", fill)]);
    }

    /// <summary>A column <c>[N, 1]</c> of zeros for the node features <paramref name="x"/> <c>[N, F]</c>.</summary>
    public static string ZeroColumn(OnnxGraphBuilder graph, string x) => Filled(graph,
        graph.AddNode("ReduceSum", "node_column", [x, graph.AddInt64Constant("feature_axis", [1])], OnnxAttributes.Int("keepdims", 1)), 0f);

    /// <summary>y + bias, then the activation.</summary>
    public static string Finish(OnnxGraphBuilder graph, Parameter? bias, Activation activation, string y)
    {
        if (bias is not null) y = graph.AddNode("Add", "graph_bias", [y, graph.AddConstant("bias", bias.Value.Shape, bias.Value.Span)]);
        return ActivationExporter.Add(graph, activation, float.NaN, y);
    }
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// GraphAttention as ONNX over the edge inputs plus one self loop per node: Z = X·W as <c>[N, heads, units]</c>;
/// per edge and head s = LeakyReLU(τ_target + σ_source); α = exp(s − max s) / Σ_{edges into the target} exp(s − max s),
/// the maximum taken over all edges (a shift common to every neighbourhood leaves each softmax unchanged);
/// out = Σ α·Z_source, heads concatenated or averaged, then bias and activation.
/// </summary>
internal static class GraphAttentionExporter
{
    public static string Export(GraphAttention layer, string input, OnnxGraphBuilder graph)
    {
        var edges = graph.Edges;
        var p = layer.Parameters;
        int heads = layer.Heads, units = layer.Units;
        string z = graph.AddNode("MatMul", "gat_transformed", [input, graph.AddConstant("gat_kernel", p[0].Value.Shape, p[0].Value.Span)]);
        string z3 = graph.AddNode("Reshape", "gat_heads", [z, graph.AddInt64Constant("gat_head_shape", [0, heads, units])]);
        string Score(Parameter a, string hint) => graph.AddNode("ReduceSum", hint,
            [graph.AddNode("Mul", $"{hint}_product", [z3, graph.AddConstant($"{hint}_vector", a.Value.Shape, a.Value.Span)]),
                graph.AddInt64Constant("unit_axis", [2])], OnnxAttributes.Int("keepdims", 0));
        string sigma = Score(p[1], "gat_source_score"), tau = Score(p[2], "gat_target_score");
        // Self loops: nodes 0 … N − 1 appended to both ends of the edge list.
        string Scalar(string v) => graph.AddNode("Squeeze", "scalar", [v]);
        string count = Scalar(graph.AddNode("Gather", "node_count", [graph.AddNode("Shape", "feature_shape", [input]),
            graph.AddInt64Constant("first", [0])], OnnxAttributes.Int("axis", 0)));
        string nodes = graph.AddNode("Range", "self_loops",
            [Scalar(graph.AddInt64Constant("start", [0])), count, Scalar(graph.AddInt64Constant("step", [1]))]);
        string sources = graph.AddNode("Concat", "gat_sources", [edges.Source, nodes], OnnxAttributes.Int("axis", 0));
        string targets = graph.AddNode("Concat", "gat_targets", [edges.Target, nodes], OnnxAttributes.Int("axis", 0));
        string raw = graph.AddNode("Add", "gat_raw_scores", [MessagePassingOnnx.Gather(graph, tau, targets), MessagePassingOnnx.Gather(graph, sigma, sources)]);
        string scores = graph.AddNode("LeakyRelu", "gat_scores", [raw], OnnxAttributes.Float("alpha", layer.NegativeSlope));
        string max = graph.AddNode("ReduceMax", "gat_max_score", [scores], OnnxAttributes.Int("keepdims", 0));
        string exp = graph.AddNode("Exp", "gat_exp", [graph.AddNode("Sub", "gat_shifted", [scores, max])]);
        string denominators = MessagePassingOnnx.ScatterAdd(graph, MessagePassingOnnx.Filled(graph, sigma, 0f), exp, targets, messageRank: 2);
        string alpha = graph.AddNode("Div", "gat_alpha", [exp, MessagePassingOnnx.Gather(graph, denominators, targets)]);
        string alpha3 = graph.AddNode("Unsqueeze", "gat_alpha_units", [alpha, graph.AddInt64Constant("units_axis", [2])]);
        string messages = graph.AddNode("Mul", "gat_messages", [MessagePassingOnnx.Gather(graph, z3, sources), alpha3]);
        string sum = MessagePassingOnnx.ScatterAdd(graph, MessagePassingOnnx.Filled(graph, z3, 0f), messages, targets, messageRank: 3);
        string output = layer.ConcatenateHeads
            ? graph.AddNode("Reshape", "gat_concatenated", [sum, graph.AddInt64Constant("gat_output_shape", [0, heads * units])])
            : graph.AddNode("ReduceMean", "gat_averaged", [sum], OnnxAttributes.Ints("axes", [1]), OnnxAttributes.Int("keepdims", 0));
        return MessagePassingOnnx.Finish(graph, p.Count > 3 ? p[3] : null, layer.Activation, output);
    }
}

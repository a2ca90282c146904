namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// GraphSage (mean aggregator) as ONNX over the edge inputs: agg_i = Σ_{edges j→i} w·x_j / max(Σ w, tiny) (zeros
/// for a node without neighbours), then x·W_self + agg·W_neighbour + b. The max aggregator needs ScatterElements'
/// "max" reduction, which arrives in opset 18; the export uses opset 17 and refuses it.
/// </summary>
internal static class GraphSageExporter
{
    public static string Export(GraphSage layer, string input, OnnxGraphBuilder graph)
    {
        if (layer.Aggregator != GraphSageAggregator.Mean)
            throw new NotSupportedException("GraphSage's max aggregator has no ONNX form at opset 17 (ScatterElements' max " +
                "reduction needs opset 18); use the mean aggregator for an exported model.");
        var edges = graph.Edges;
        string weight = MessagePassingOnnx.WeightColumn(graph);
        string degree = MessagePassingOnnx.ScatterAdd(graph, MessagePassingOnnx.ZeroColumn(graph, input), weight, edges.Target, messageRank: 2);
        string messages = graph.AddNode("Mul", "sage_messages", [MessagePassingOnnx.Gather(graph, input, edges.Source), weight]);
        string sum = MessagePassingOnnx.ScatterAdd(graph, MessagePassingOnnx.Filled(graph, input, 0f), messages, edges.Target, messageRank: 2);
        string mean = graph.AddNode("Div", "sage_mean", [sum, graph.AddNode("Max", "sage_degree", [degree, graph.AddScalar("tiny", 1e-30f)])]);
        var p = layer.Parameters;
        string self = graph.AddNode("MatMul", "sage_self", [input, graph.AddConstant("sage_self_kernel", p[0].Value.Shape, p[0].Value.Span)]);
        string neighbours = graph.AddNode("MatMul", "sage_neighbours", [mean, graph.AddConstant("sage_neighbour_kernel", p[1].Value.Shape, p[1].Value.Span)]);
        string z = graph.AddNode("Add", "sage", [self, neighbours]);
        return MessagePassingOnnx.Finish(graph, p.Count > 2 ? p[2] : null, layer.Activation, z);
    }
}

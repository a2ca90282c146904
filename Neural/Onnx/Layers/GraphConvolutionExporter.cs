namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// GraphConvolution as ONNX over the edge inputs: d = 1 + Σ_{edges into i} w (the row sums of A + I); T = X·W scaled
/// by d^−½; Z_i = d_i^−½ (T_i + Σ_{edges j→i} w·T_j), which is Â·X·W without forming Â.
/// </summary>
internal static class GraphConvolutionExporter
{
    public static string Export(GraphConvolution layer, string input, OnnxGraphBuilder graph)
    {
        var edges = graph.Edges;
        string weight = MessagePassingOnnx.WeightColumn(graph);
        string ones = MessagePassingOnnx.Filled(graph, MessagePassingOnnx.ZeroColumn(graph, input), 1f);
        string degree = MessagePassingOnnx.ScatterAdd(graph, ones, weight, edges.Target, messageRank: 2);
        string scale = graph.AddNode("Reciprocal", "inverse_root_degree", [graph.AddNode("Sqrt", "root_degree", [degree])]);
        string kernel = graph.AddConstant("gcn_kernel", layer.Kernel.Value.Shape, layer.Kernel.Value.Span);
        string t = graph.AddNode("Mul", "gcn_scaled", [graph.AddNode("MatMul", "gcn_transformed", [input, kernel]), scale]);
        string messages = graph.AddNode("Mul", "gcn_messages", [MessagePassingOnnx.Gather(graph, t, edges.Source), weight]);
        string sum = MessagePassingOnnx.ScatterAdd(graph, t, messages, edges.Target, messageRank: 2);
        string z = graph.AddNode("Mul", "gcn", [sum, scale]);
        return MessagePassingOnnx.Finish(graph, layer.Parameters.Count > 1 ? layer.Parameters[1] : null, layer.Activation, z);
    }
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// A positional encoding as ONNX: y = Add(x, Slice(P, 0, time)) with the table P <c>[rows, dim]</c> as a constant
/// and time read from the input's shape, so the graph adds exactly the rows MLExt adds.
/// </summary>
internal static class PositionalEncodingExporter
{
    public static string Export(PositionalEncoding layer, string input, OnnxGraphBuilder graph)
    {
        var table = layer.Table;
        string values = graph.AddConstant("positions", table.Shape, table.Span);
        string time = graph.AddNode("Shape", "time", [input], OnnxAttributes.Int("start", 1), OnnxAttributes.Int("end", 2));
        string rows = graph.AddNode("Slice", "positions_used", [values, graph.AddInt64Constant("zero", [0]), time, graph.AddInt64Constant("axis0", [0])]);
        return graph.AddNode("Add", "positioned", [input, rows]);
    }
}

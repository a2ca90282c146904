using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// Embedding as ONNX: ids = Cast(x, int64); y = Gather(E, ids) with the padding row written as zeros; with a padding
/// index the graph's sequence mask becomes Cast(ids ≠ padding, float) <c>[N, time]</c>.
/// </summary>
internal static class EmbeddingExporter
{
    public static string Export(Embedding layer, string input, OnnxGraphBuilder graph)
    {
        var values = layer.Table.Value.Span.ToArray();
        if (layer.PaddingIndex is int padding) values.AsSpan(padding * layer.Dimension, layer.Dimension).Clear();
        string ids = graph.AddNode("Cast", "token_ids", [input], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Int64));
        string table = graph.AddConstant("embeddings", layer.Table.Value.Shape, values);
        string y = graph.AddNode("Gather", "embedded", [table, ids], OnnxAttributes.Int("axis", 0));
        graph.SequenceMask = layer.PaddingIndex is int p
            ? graph.AddNode("Cast", "sequence_mask",
                [graph.AddNode("Not", "is_token", [graph.AddNode("Equal", "is_padding", [ids, graph.AddInt64Constant("padding_id", [p])])])],
                OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float))
            : null;
        return y;
    }
}

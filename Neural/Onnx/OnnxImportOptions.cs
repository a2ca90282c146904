namespace MLExt.Neural;

/// <summary>What part of an ONNX model <see cref="OnnxImport.ReadGraph(IReadOnlyList{string}, OnnxImportOptions)"/>
/// reads, and what it adds after it. Nodes are named as in the file (a node without a name by its first output).</summary>
public sealed class OnnxImportOptions
{
    /// <summary>Read only the nodes before this one; the graph's output is its input (a frozen trunk computed
    /// once).</summary>
    public string? StopBefore { get; init; }

    /// <summary>Read only the nodes from this one on; its input becomes the graph's input (the part to fine-tune). Every
    /// later node must read only values computed from that input.</summary>
    public string? StartAt { get; init; }

    /// <summary>Layers added after the single output, such as a new classifier: given the builder and the output node,
    /// returns the new output node.</summary>
    public Func<GraphBuilder, GraphNode, GraphNode>? Head { get; init; }

    /// <summary>Seed of the head's initial weights.</summary>
    public int Seed { get; init; }
}

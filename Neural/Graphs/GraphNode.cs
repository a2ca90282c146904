namespace MLExt.Neural;

/// <summary>
/// A node of a <see cref="GraphBuilder"/>: an input, a layer applied to a node, or a merge of nodes. A handle only:
/// pass it to the builder's methods to apply more layers, and to <see cref="GraphBuilder.Output"/>.
/// </summary>
public sealed class GraphNode
{
    internal GraphNode(GraphBuilder builder, string name, GraphNodeKind kind, IReadOnlyList<string> inputs, int[]? shape = null,
        GraphInputKind inputKind = GraphInputKind.Float, Layer? layer = null, Merge? merge = null)
    {
        Builder = builder;
        Name = name;
        Kind = kind;
        InputNames = inputs;
        Shape = shape;
        InputKind = inputKind;
        Layer = layer;
        Merge = merge;
    }

    internal GraphBuilder Builder { get; }

    /// <summary>The node's name, unique in its graph (used in messages, checkpoints and ONNX value names).</summary>
    public string Name { get; }

    /// <summary>Whether the node is an input, a layer application or a merge.</summary>
    public GraphNodeKind Kind { get; }

    /// <summary>The names of the nodes it reads, in order (empty for inputs).</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>An input's per-sample shape (null for other nodes; theirs is inferred at build).</summary>
    public int[]? Shape { get; }

    /// <summary>What an input holds.</summary>
    public GraphInputKind InputKind { get; }

    /// <summary>The layer a layer node applies (the same instance at every node that shares it).</summary>
    public Layer? Layer { get; }

    /// <summary>The merge of a merge node.</summary>
    public Merge? Merge { get; }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        GraphNodeKind.Input => $"input '{Name}' {Tensor.FormatShape(Shape)}",
        GraphNodeKind.Layer => $"node '{Name}' ({Layer!.TypeName})",
        _ => $"node '{Name}' ({Merge!.TypeName})",
    };
}

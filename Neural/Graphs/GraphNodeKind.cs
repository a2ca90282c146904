namespace MLExt.Neural;

/// <summary>What a node of a <see cref="GraphBuilder"/> computes.</summary>
public enum GraphNodeKind
{
    /// <summary>A named input of the graph.</summary>
    Input,

    /// <summary>A layer applied to one node.</summary>
    Layer,

    /// <summary>A merge of several nodes.</summary>
    Merge,
}

namespace MLExt.Neural;

/// <summary>
/// A layer that reads the graph's adjacency besides its node features (graph convolution, GraphSAGE, graph
/// attention). The batch of such a layer is the graph's nodes: row i of the input is node i's features. A
/// <see cref="ModelGraph"/> hands every consumer its <see cref="ModelGraph.Adjacency"/> before each forward pass.
/// </summary>
public interface IAdjacencyConsumer
{
    /// <summary>Sets the adjacency of the nodes of the next forward pass (kept by reference until the next call).</summary>
    void SetAdjacency(SparseAdjacency? adjacency);
}

namespace MLExt.Neural;

/// <summary>
/// What <see cref="NeighbourSampler.Sample"/> draws: the nodes of the union of the sampled neighbourhoods (the seed
/// nodes first, in their order) and the sampled edges among them, in local numbering.
/// </summary>
public sealed class SampledSubgraph
{
    internal SampledSubgraph(int[] nodes, SparseAdjacency adjacency) => (Nodes, Adjacency) = (nodes, adjacency);

    /// <summary>The graph's node index of each local node; the seed nodes come first.</summary>
    public int[] Nodes { get; }

    /// <summary>The sampled edges between local nodes (with the graph's weights).</summary>
    public SparseAdjacency Adjacency { get; }
}

namespace MLExt.Neural;

/// <summary>
/// A graph for node classification in memory: node features <c>[n, FeatureCount]</c>, row-major, row i for node i,
/// and the adjacency of the same n nodes. Arrays are wrapped, not copied.
/// </summary>
public sealed class NodeGraph
{
    /// <summary>Wraps features and an adjacency.</summary>
    /// <exception cref="ArgumentException">The features are not n whole rows, or a feature is not finite (the message
    /// names the node).</exception>
    public NodeGraph(float[] features, int featureCount, SparseAdjacency adjacency)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(adjacency);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length != adjacency.NodeCount * featureCount)
            throw new ArgumentException($"{adjacency.NodeCount} nodes of {featureCount} features need {adjacency.NodeCount * featureCount} " +
                $"values, got {features.Length}.", nameof(features));
        for (int k = 0; k < features.Length; k++)
            if (!float.IsFinite(features[k]))
                throw new ArgumentException($"Node {k / featureCount} has feature {k % featureCount} = {features[k]}; features must be finite.", nameof(features));
        (Features, FeatureCount, Adjacency) = (features, featureCount, adjacency);
    }

    /// <summary>Node features, row-major <c>[NodeCount, FeatureCount]</c>.</summary>
    public float[] Features { get; }

    /// <summary>Features per node.</summary>
    public int FeatureCount { get; }

    /// <summary>Who receives messages from whom.</summary>
    public SparseAdjacency Adjacency { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Adjacency.NodeCount;
}

namespace MLExt.Data;

/// <summary>
/// A graph from <see cref="PlantedPartition.Generate"/>: node i has class <see cref="Labels"/>[i] and features
/// <see cref="Features"/>[i·FeatureCount …]; undirected edges <see cref="Sources"/>[k] — <see cref="Targets"/>[k].
/// </summary>
public sealed class PlantedPartitionGraph
{
    internal PlantedPartitionGraph(int[] labels, float[] features, int featureCount, int[] sources, int[] targets)
    {
        (Labels, Features, FeatureCount, Sources, Targets) = (labels, features, featureCount, sources, targets);
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Labels.Length;

    /// <summary>Each node's class.</summary>
    public int[] Labels { get; }

    /// <summary>Node features, row-major <c>[nodes, FeatureCount]</c>.</summary>
    public float[] Features { get; }

    /// <summary>Features per node.</summary>
    public int FeatureCount { get; }

    /// <summary>One end of each undirected edge.</summary>
    public int[] Sources { get; }

    /// <summary>The other end of each undirected edge.</summary>
    public int[] Targets { get; }

    /// <summary>The fraction of edges whose ends share a class (edge homophily).</summary>
    public double Homophily => Sources.Length == 0 ? 0 : Sources.Zip(Targets).Count(e => Labels[e.First] == Labels[e.Second]) / (double)Sources.Length;
}

using MLExt.Neural;

namespace MLExt.Tests.Neural.GraphNeural;

/// <summary>Small directed graphs for the graph layer tests.</summary>
internal static class TestGraphs
{
    /// <summary>
    /// A directed graph on n nodes with uneven in-degrees and weights: j → i when (2i + j) mod 4 ≠ 0 (i ≠ j), weight
    /// 0.5 + ((7i + j) mod 5) / 4. On five nodes node 2 receives nothing from 0 and node 4 only from 1 and 3.
    /// </summary>
    public static SparseAdjacency Directed(int n)
    {
        List<int> sources = [], targets = [];
        List<float> weights = [];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j && (2 * i + j) % 4 != 0)
                {
                    sources.Add(j);
                    targets.Add(i);
                    weights.Add(0.5f + (7 * i + j) % 5 / 4f);
                }
        return SparseAdjacency.FromEdges(n, [.. sources], [.. targets], [.. weights], undirected: false);
    }

    /// <summary>Conformance input: Gaussian node features with <see cref="Directed"/> as the adjacency.</summary>
    public static ConformanceInput Features { get; } = new() { Adjacency = Directed };

    /// <summary>The dense matrix of an adjacency (tests only).</summary>
    public static float[,] Dense(SparseAdjacency a)
    {
        var dense = new float[a.NodeCount, a.NodeCount];
        for (int i = 0; i < a.NodeCount; i++)
            for (int e = a.RowStarts[i]; e < a.RowStarts[i + 1]; e++) dense[i, a.Columns[e]] += a.Weights[e];
        return dense;
    }
}

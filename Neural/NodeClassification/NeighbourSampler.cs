namespace MLExt.Neural;

/// <summary>
/// GraphSAGE's neighbourhood sampling (Hamilton et al. 2017, Algorithm 2): from a batch of seed nodes, hop h draws
/// up to <see cref="FanOuts"/>[h] of each frontier node's neighbours without replacement (all of them when it has
/// fewer), and the next frontier is the nodes first reached at this hop. A model of L graph layers needs L hops. The
/// draws come from the sampler's own generator: same seed, same samples.
/// </summary>
public sealed class NeighbourSampler
{
    private readonly SparseAdjacency _adjacency;
    private readonly RandomSource _random;
    private readonly Dictionary<int, int> _local = [];
    private int[] _scratch = [];

    /// <summary>Samples from <paramref name="adjacency"/> with <paramref name="fanOuts"/> (one per hop).</summary>
    /// <exception cref="ArgumentException">No fan-out, or a fan-out below 1 (the message names its position).</exception>
    public NeighbourSampler(SparseAdjacency adjacency, IReadOnlyList<int> fanOuts, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        ArgumentNullException.ThrowIfNull(fanOuts);
        ArgumentNullException.ThrowIfNull(random);
        if (fanOuts.Count == 0) throw new ArgumentException("Neighbour sampling needs a fan-out per hop (one per graph layer).", nameof(fanOuts));
        for (int h = 0; h < fanOuts.Count; h++)
            if (fanOuts[h] < 1)
                throw new ArgumentException($"Fan-out {h + 1} (hop {h + 1}) is {fanOuts[h]}; each hop must sample at least one neighbour.", nameof(fanOuts));
        (_adjacency, FanOuts, _random) = (adjacency, fanOuts.ToArray(), random);
    }

    /// <summary>Neighbours drawn per node at each hop.</summary>
    public IReadOnlyList<int> FanOuts { get; }

    /// <summary>The random generator of the draws (saved by callers that checkpoint).</summary>
    public RandomSource Random => _random;

    /// <summary>Samples the neighbourhoods of <paramref name="seeds"/> (graph node indices, distinct).</summary>
    /// <exception cref="ArgumentException">A seed is outside the graph or repeated.</exception>
    public SampledSubgraph Sample(ReadOnlySpan<int> seeds)
    {
        _local.Clear();
        var nodes = new List<int>(seeds.Length * 4);
        foreach (int s in seeds)
        {
            if ((uint)s >= (uint)_adjacency.NodeCount) throw new ArgumentException($"Seed node {s} is outside the graph's {_adjacency.NodeCount} nodes.", nameof(seeds));
            if (!_local.TryAdd(s, nodes.Count)) throw new ArgumentException($"Seed node {s} is repeated.", nameof(seeds));
            nodes.Add(s);
        }
        List<int> sources = [], targets = [];
        List<float> weights = [];
        int frontierStart = 0;
        foreach (int fanOut in FanOuts)
        {
            int frontierEnd = nodes.Count;
            for (int f = frontierStart; f < frontierEnd; f++)
            {
                int node = nodes[f], first = _adjacency.RowStarts[node], degree = _adjacency.Degree(node);
                int take = Math.Min(fanOut, degree);
                if (_scratch.Length < degree) _scratch = new int[Math.Max(degree, 2 * _scratch.Length)];
                for (int k = 0; k < degree; k++) _scratch[k] = first + k;
                // Partial Fisher–Yates: the first `take` positions become a uniform sample without replacement.
                for (int k = 0; k < take; k++)
                {
                    if (take < degree)
                    {
                        int pick = k + _random.NextInt(degree - k);
                        (_scratch[k], _scratch[pick]) = (_scratch[pick], _scratch[k]);
                    }
                    int entry = _scratch[k], neighbour = _adjacency.Columns[entry];
                    if (!_local.TryGetValue(neighbour, out int local))
                    {
                        local = nodes.Count;
                        _local.Add(neighbour, local);
                        nodes.Add(neighbour);
                    }
                    sources.Add(local);
                    targets.Add(f);
                    weights.Add(_adjacency.Weights[entry]);
                }
            }
            frontierStart = frontierEnd;
        }
        var adjacency = SparseAdjacency.FromEdges(nodes.Count, [.. sources], [.. targets], [.. weights], undirected: false);
        return new SampledSubgraph([.. nodes], adjacency);
    }
}

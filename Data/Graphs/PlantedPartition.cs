namespace MLExt.Data;

/// <summary>
/// Seeded planted-partition graphs for tests and benchmarks: nodes split evenly among classes; each edge joins a
/// uniformly drawn node to a node of its own class with probability <c>homophily</c>, else to a node of another class
/// (no self loops); each node's features are its class's mean plus Gaussian noise. Lower homophily makes the graph
/// less informative, more noise makes the features weaker.
/// </summary>
public static class PlantedPartition
{
    /// <summary>
    /// Generates a graph of <paramref name="nodes"/> nodes in <paramref name="classes"/> classes with
    /// <paramref name="edges"/> undirected edges, a fraction <paramref name="homophily"/> of them inside a class, and
    /// <paramref name="featureCount"/> features per node: class means drawn N(0, 1) per feature, plus noise of
    /// standard deviation <paramref name="featureNoise"/>. The same arguments give the same graph.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two classes, fewer than two nodes per class, a
    /// homophily outside [0, 1], a negative edge count or noise, or no features.</exception>
    public static PlantedPartitionGraph Generate(int nodes, int classes, int edges, double homophily, int featureCount,
        double featureNoise, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (nodes < 2 * classes) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "Planted partitions need at least two nodes per class.");
        if (!(homophily >= 0 && homophily <= 1)) throw new ArgumentOutOfRangeException(nameof(homophily), homophily, "Homophily is a fraction in [0, 1].");
        ArgumentOutOfRangeException.ThrowIfNegative(edges);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (!(featureNoise >= 0)) throw new ArgumentOutOfRangeException(nameof(featureNoise), featureNoise, "Feature noise must be ≥ 0.");
        var random = new Random(seed);
        var labels = new int[nodes];
        for (int i = 0; i < nodes; i++) labels[i] = i % classes;
        // Node i of class c is i = c + classes·r, so a class's r-th member is found without a table.
        int MemberCount(int c) => (nodes - c + classes - 1) / classes;
        int Member(int c) => c + classes * random.Next(MemberCount(c));
        var sources = new int[edges];
        var targets = new int[edges];
        for (int k = 0; k < edges; k++)
        {
            int u = random.Next(nodes), v;
            do
            {
                int c = random.NextDouble() < homophily ? labels[u] : (labels[u] + 1 + random.Next(classes - 1)) % classes;
                v = Member(c);
            }
            while (v == u);
            (sources[k], targets[k]) = (u, v);
        }
        var means = new double[classes * featureCount];
        for (int i = 0; i < means.Length; i++) means[i] = Gaussian(random);
        var features = new float[nodes * featureCount];
        for (int i = 0; i < nodes; i++)
            for (int f = 0; f < featureCount; f++)
                features[i * featureCount + f] = (float)(means[labels[i] * featureCount + f] + featureNoise * Gaussian(random));
        return new PlantedPartitionGraph(labels, features, featureCount, sources, targets);
    }

    // Box–Muller: deterministic given the generator, unlike a library call whose algorithm may change.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

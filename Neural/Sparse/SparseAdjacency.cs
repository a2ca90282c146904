namespace MLExt.Neural;

/// <summary>
/// A graph's adjacency as a compressed sparse row (CSR) matrix A <c>[n, n]</c>: row i lists the nodes whose messages
/// node i receives (an edge s → t is the entry A[t, s]) with their weights. Memory is linear in the number of edges:
/// the row starts, the column of each entry and its weight, plus the transpose's structure built once (for the
/// backward products). The derived matrices the graph layers need (self loops with symmetric normalisation, row
/// normalisation) are built on first use and kept. Never a dense n × n matrix.
/// </summary>
public sealed class SparseAdjacency
{
    private SparseAdjacency? _transpose, _normalizedWithSelfLoops, _rowNormalized, _withSelfLoops;
    private int[]? _chunkStarts;

    private SparseAdjacency(int nodeCount, int[] rowStarts, int[] columns, float[] weights)
    {
        NodeCount = nodeCount;
        RowStarts = rowStarts;
        Columns = columns;
        Weights = weights;
    }

    /// <summary>Number of nodes n.</summary>
    public int NodeCount { get; }

    /// <summary>Number of stored entries (an undirected edge counts twice, once per direction).</summary>
    public int EntryCount => Columns.Length;

    /// <summary>Row i's entries are positions <c>RowStarts[i] … RowStarts[i + 1] − 1</c>; n + 1 values.</summary>
    public int[] RowStarts { get; }

    /// <summary>The column (the sending node) of each entry, ascending within a row.</summary>
    public int[] Columns { get; }

    /// <summary>The weight of each entry.</summary>
    public float[] Weights { get; }

    /// <summary>Number of entries in row <paramref name="node"/> (its in-degree).</summary>
    public int Degree(int node) => RowStarts[node + 1] - RowStarts[node];

    /// <summary>Whether some entry lies on the diagonal (a self loop).</summary>
    public bool HasSelfLoops
    {
        get
        {
            for (int i = 0; i < NodeCount; i++)
                for (int e = RowStarts[i]; e < RowStarts[i + 1]; e++) if (Columns[e] == i) return true;
            return false;
        }
    }

    /// <summary>
    /// The adjacency of <paramref name="nodeCount"/> nodes with edges <paramref name="sources"/>[k] →
    /// <paramref name="targets"/>[k] of weight <paramref name="weights"/>[k] (1 when empty); with
    /// <paramref name="undirected"/> each edge also goes the other way. Repeated edges add their weights.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a node index is outside [0, n), or a weight is not finite;
    /// the message names the edge's position.</exception>
    public static SparseAdjacency FromEdges(int nodeCount, ReadOnlySpan<int> sources, ReadOnlySpan<int> targets,
        ReadOnlySpan<float> weights, bool undirected)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (sources.Length != targets.Length || (weights.Length != 0 && weights.Length != sources.Length))
            throw new ArgumentException($"Edges need as many sources ({sources.Length}), targets ({targets.Length}) and " +
                $"weights ({weights.Length}, or none).", nameof(targets));
        int m = sources.Length, entries = undirected ? 2 * m : m;
        var counts = new int[nodeCount + 1];
        for (int k = 0; k < m; k++)
        {
            int s = sources[k], t = targets[k];
            if ((uint)s >= (uint)nodeCount || (uint)t >= (uint)nodeCount)
                throw new ArgumentException($"Edge {k} joins nodes {s} and {t}, outside [0, {nodeCount}).", nameof(sources));
            if (weights.Length != 0 && !float.IsFinite(weights[k]))
                throw new ArgumentException($"Edge {k} has weight {weights[k]}; weights must be finite.", nameof(weights));
            counts[t + 1]++;
            if (undirected) counts[s + 1]++;
        }
        for (int i = 0; i < nodeCount; i++) counts[i + 1] += counts[i];
        var columns = new int[entries];
        var values = new float[entries];
        var next = counts[..^1];
        for (int k = 0; k < m; k++)
        {
            float w = weights.Length == 0 ? 1f : weights[k];
            int s = sources[k], t = targets[k];
            (columns[next[t]], values[next[t]++]) = (s, w);
            if (undirected) (columns[next[s]], values[next[s]++]) = (t, w);
        }
        return Compact(nodeCount, counts, columns, values);
    }

    /// <summary>Sorts each row by column and adds the weights of repeated entries.</summary>
    private static SparseAdjacency Compact(int nodeCount, int[] rowStarts, int[] columns, float[] values)
    {
        var starts = new int[nodeCount + 1];
        int write = 0;
        for (int i = 0; i < nodeCount; i++)
        {
            int from = rowStarts[i], to = rowStarts[i + 1];
            Array.Sort(columns, values, from, to - from);
            starts[i] = write;
            for (int e = from; e < to; e++)
            {
                if (write > starts[i] && columns[write - 1] == columns[e]) values[write - 1] += values[e];
                else (columns[write], values[write++]) = (columns[e], values[e]);
            }
        }
        starts[nodeCount] = write;
        return new SparseAdjacency(nodeCount, starts, columns[..write], values[..write]);
    }

    /// <summary>Aᵀ (built once and kept): row j lists the nodes that receive j's messages.</summary>
    public SparseAdjacency Transpose()
    {
        if (_transpose is not null) return _transpose;
        var starts = new int[NodeCount + 1];
        foreach (int c in Columns) starts[c + 1]++;
        for (int i = 0; i < NodeCount; i++) starts[i + 1] += starts[i];
        var next = starts[..^1];
        var columns = new int[EntryCount];
        var values = new float[EntryCount];
        // Rows are visited in order, so each transposed row comes out sorted by column.
        for (int i = 0; i < NodeCount; i++)
            for (int e = RowStarts[i]; e < RowStarts[i + 1]; e++)
            {
                int j = Columns[e];
                (columns[next[j]], values[next[j]++]) = (i, Weights[e]);
            }
        _transpose = new SparseAdjacency(NodeCount, starts, columns, values) { _transpose = this };
        return _transpose;
    }

    /// <summary>
    /// GCN's propagation matrix D̂^−½ (A + I) D̂^−½ with D̂ the row sums of A + I (built once and kept). Kipf &amp;
    /// Welling 2017, eq. 2.
    /// </summary>
    public SparseAdjacency NormalizedWithSelfLoops()
    {
        if (_normalizedWithSelfLoops is not null) return _normalizedWithSelfLoops;
        var loops = WithSelfLoops(weight: 1f);
        var degree = new double[NodeCount];
        for (int i = 0; i < NodeCount; i++)
            for (int e = loops.RowStarts[i]; e < loops.RowStarts[i + 1]; e++) degree[i] += loops.Weights[e];
        var values = new float[loops.EntryCount];
        for (int i = 0; i < NodeCount; i++)
            for (int e = loops.RowStarts[i]; e < loops.RowStarts[i + 1]; e++)
            {
                double product = degree[i] * degree[loops.Columns[e]];
                values[e] = product > 0 ? (float)(loops.Weights[e] / Math.Sqrt(product)) : 0f;
            }
        _normalizedWithSelfLoops = new SparseAdjacency(NodeCount, loops.RowStarts, loops.Columns, values);
        return _normalizedWithSelfLoops;
    }

    /// <summary>D^−1 A: each row's weights divided by their sum, so a product is the mean over the neighbours (a row
    /// without entries stays empty). Built once and kept.</summary>
    public SparseAdjacency RowNormalized()
    {
        if (_rowNormalized is not null) return _rowNormalized;
        var values = new float[EntryCount];
        for (int i = 0; i < NodeCount; i++)
        {
            double sum = 0;
            for (int e = RowStarts[i]; e < RowStarts[i + 1]; e++) sum += Weights[e];
            for (int e = RowStarts[i]; e < RowStarts[i + 1]; e++) values[e] = sum != 0 ? (float)(Weights[e] / sum) : 0f;
        }
        _rowNormalized = new SparseAdjacency(NodeCount, RowStarts, Columns, values);
        return _rowNormalized;
    }

    /// <summary>The structure with every node's own entry present (weights 1; kept), for attention over
    /// neighbourhoods that include the node itself.</summary>
    public SparseAdjacency WithSelfLoops() => _withSelfLoops ??= WithSelfLoops(weight: 1f).WithUnitWeights();

    private SparseAdjacency WithUnitWeights()
    {
        var ones = new float[EntryCount];
        Array.Fill(ones, 1f);
        return new SparseAdjacency(NodeCount, RowStarts, Columns, ones);
    }

    /// <summary>A + w·I as a new matrix (the diagonal entry added to one already there).</summary>
    private SparseAdjacency WithSelfLoops(float weight)
    {
        var starts = new int[NodeCount + 1];
        var columns = new int[EntryCount + NodeCount];
        var values = new float[EntryCount + NodeCount];
        int write = 0;
        for (int i = 0; i < NodeCount; i++)
        {
            starts[i] = write;
            bool placed = false;
            for (int e = RowStarts[i]; e < RowStarts[i + 1]; e++)
            {
                int j = Columns[e];
                if (!placed && j >= i)
                {
                    placed = true;
                    if (j == i)
                    {
                        (columns[write], values[write++]) = (i, Weights[e] + weight);
                        continue;
                    }
                    (columns[write], values[write++]) = (i, weight);
                }
                (columns[write], values[write++]) = (j, Weights[e]);
            }
            if (!placed) (columns[write], values[write++]) = (i, weight);
        }
        starts[NodeCount] = write;
        return new SparseAdjacency(NodeCount, starts, columns[..write], values[..write]);
    }

    /// <summary>
    /// Y = A·X for X <c>[n, width]</c> row-major, on up to <paramref name="maxThreads"/> threads (rows cut into fixed
    /// chunks of similar work, so the result does not depend on the thread count); allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">X or Y is not n rows of <paramref name="width"/>.</exception>
    public void Multiply(ReadOnlySpan<float> x, Span<float> y, int width, int maxThreads = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (x.Length != NodeCount * width || y.Length != NodeCount * width)
            throw new ArgumentException($"The sparse product needs X and Y of [{NodeCount}, {width}], got {x.Length} and " +
                $"{y.Length} values.", nameof(x));
        Kernels.SparseDenseProduct.Run(this, x, y, width, maxThreads);
    }

    /// <summary>Y = Aᵀ·X (through the kept transpose; the same guarantees as <see cref="Multiply"/>).</summary>
    public void MultiplyTransposed(ReadOnlySpan<float> x, Span<float> y, int width, int maxThreads = int.MaxValue) =>
        Transpose().Multiply(x, y, width, maxThreads);

    /// <summary>The fixed row chunks of the product: about <paramref name="workPerChunk"/> entries and rows each.</summary>
    internal int[] ChunkStarts(int workPerChunk)
    {
        if (_chunkStarts is not null) return _chunkStarts;
        var starts = new List<int> { 0 };
        long work = 0;
        for (int i = 0; i < NodeCount; i++)
        {
            work += 1 + Degree(i);
            if (work >= workPerChunk && i + 1 < NodeCount)
            {
                starts.Add(i + 1);
                work = 0;
            }
        }
        starts.Add(NodeCount);
        return _chunkStarts = [.. starts];
    }

    /// <inheritdoc/>
    public override string ToString() => $"SparseAdjacency {NodeCount} nodes, {EntryCount} entries";
}

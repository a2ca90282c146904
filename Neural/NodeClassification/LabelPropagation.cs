namespace MLExt.Neural;

/// <summary>
/// Label spreading (Zhou et al. 2004), the classic baseline that uses the edges and no features: F ← α·S·F + (1 − α)·Y
/// with S = D^−½ (A + I) D^−½ and Y the one-hot labels of the labelled nodes (zeros elsewhere), iterated; each node
/// takes the class of its largest F.
/// </summary>
public static class LabelPropagation
{
    /// <summary>Predicts every node's class from <paramref name="labels"/> (−1: unlabelled).</summary>
    /// <exception cref="ArgumentException">Labels do not fit the graph, or α is outside (0, 1).</exception>
    public static int[] Predict(SparseAdjacency adjacency, int[] labels, int classCount, int iterations = 50, float alpha = 0.9f)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != adjacency.NodeCount)
            throw new ArgumentException($"The graph has {adjacency.NodeCount} nodes but {labels.Length} labels were given.", nameof(labels));
        if (!(alpha > 0f && alpha < 1f)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be in (0, 1).");
        int n = adjacency.NodeCount;
        var y = new float[n * classCount];
        for (int i = 0; i < n; i++)
            if (labels[i] >= 0) y[i * classCount + labels[i]] = 1f;
        var s = adjacency.NormalizedWithSelfLoops();
        var f = (float[])y.Clone();
        var next = new float[f.Length];
        for (int t = 0; t < iterations; t++)
        {
            // F ← α·S·F + (1 − α)·Y
            s.Multiply(f, next, classCount);
            System.Numerics.Tensors.TensorPrimitives.Multiply(next, alpha, next);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(y, 1f - alpha, next, f);
        }
        return NodeTraining.ArgMax(f, classCount);
    }
}

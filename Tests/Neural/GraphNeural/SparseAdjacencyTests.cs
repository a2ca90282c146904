using MLExt.Neural;

namespace MLExt.Tests.Neural.GraphNeural;

public sealed class SparseAdjacencyTests
{
    [Fact]
    public void FromEdgesStoresRowsByTargetSortedWithRepeatsAdded()
    {
        // 0→1, 2→1, 0→1 again (weights add), 1→2
        var a = SparseAdjacency.FromEdges(3, [0, 2, 0, 1], [1, 1, 1, 2], [1f, 2f, 0.5f, 3f], undirected: false);
        Assert.Equal([0, 0, 2, 3], a.RowStarts);
        Assert.Equal([0, 2, 1], a.Columns);
        Assert.Equal([1.5f, 2f, 3f], a.Weights);
        var u = SparseAdjacency.FromEdges(3, [0], [2], [], undirected: true);
        Assert.Equal(2, u.EntryCount);
        Assert.Equal(1f, TestGraphs.Dense(u)[0, 2]);
        Assert.Equal(1f, TestGraphs.Dense(u)[2, 0]);
    }

    [Fact]
    public void BadEdgesNameTheirPosition()
    {
        var outside = Assert.Throws<ArgumentException>(() => SparseAdjacency.FromEdges(3, [0, 5], [1, 1], [], undirected: false));
        Assert.Contains("Edge 1", outside.Message);
        var weight = Assert.Throws<ArgumentException>(() => SparseAdjacency.FromEdges(3, [0], [1], [float.NaN], undirected: false));
        Assert.Contains("Edge 0", weight.Message);
    }

    [Theory]
    [InlineData(7, 1)]
    [InlineData(7, 19)]
    [InlineData(3000, 37)]
    public void ProductsMatchTheDenseProduct(int n, int width)
    {
        var a = TestGraphs.Directed(n);
        if (n > 100) a = RandomGraph(n, 8 * n, seed: 5);
        var dense = TestGraphs.Dense(a);
        var x = TestTensors.Gaussian(new RandomSource(1), [n, width]).Span.ToArray();
        var y = new float[n * width];
        var yt = new float[n * width];
        a.Multiply(x, y, width);
        a.MultiplyTransposed(x, yt, width);
        var expected = new double[n * width];
        var expectedT = new double[n * width];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (dense[i, j] != 0)
                    for (int c = 0; c < width; c++)
                    {
                        expected[i * width + c] += dense[i, j] * x[j * width + c];
                        expectedT[j * width + c] += dense[i, j] * x[i * width + c];
                    }
        TestTensors.AssertClose(expected.Select(v => (float)v).ToArray(), y, 1e-4, "A·X");
        TestTensors.AssertClose(expectedT.Select(v => (float)v).ToArray(), yt, 1e-4, "Aᵀ·X");
    }

    [Fact]
    public void ProductBitsDoNotDependOnTheThreadCount()
    {
        var a = RandomGraph(20000, 200000, seed: 3);
        var x = TestTensors.Gaussian(new RandomSource(2), [20000, 16]).Span.ToArray();
        var one = new float[x.Length];
        var many = new float[x.Length];
        a.Multiply(x, one, 16, maxThreads: 1);
        a.Multiply(x, many, 16);
        Assert.Equal(one, many);
    }

    [Fact]
    public void NormalizationsMatchTheirFormulas()
    {
        var a = TestGraphs.Directed(5);
        var gcn = TestGraphs.Dense(a.NormalizedWithSelfLoops());
        var plain = TestGraphs.Dense(a);
        var degree = new double[5];
        for (int i = 0; i < 5; i++)
        {
            degree[i] = 1;
            for (int j = 0; j < 5; j++) degree[i] += plain[i, j];
        }
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
            {
                double expected = (plain[i, j] + (i == j ? 1 : 0)) / Math.Sqrt(degree[i] * degree[j]);
                Assert.Equal(expected, gcn[i, j], 5);
            }
        var mean = TestGraphs.Dense(a.RowNormalized());
        for (int i = 0; i < 5; i++)
        {
            double sum = Enumerable.Range(0, 5).Sum(j => (double)mean[i, j]);
            Assert.Equal(a.Degree(i) == 0 ? 0 : 1, sum, 5);
        }
        Assert.False(a.HasSelfLoops);
        Assert.True(a.WithSelfLoops().HasSelfLoops);
        Assert.Equal(a.EntryCount + 5, a.WithSelfLoops().EntryCount);
    }

    private static SparseAdjacency RandomGraph(int n, int edges, int seed)
    {
        var random = new RandomSource(seed);
        var s = new int[edges];
        var t = new int[edges];
        var w = new float[edges];
        for (int k = 0; k < edges; k++) (s[k], t[k], w[k]) = (random.NextInt(n), random.NextInt(n), random.NextFloat());
        return SparseAdjacency.FromEdges(n, s, t, w, undirected: false);
    }
}

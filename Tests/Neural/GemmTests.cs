using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Tests.Neural;

public class GemmTests
{
    private static readonly GemmPath[] AllPaths = [GemmPath.Scalar, GemmPath.Vector128, GemmPath.Vector256, GemmPath.Vector512];

    /// <summary>The lanes this machine runs (the scalar one always).</summary>
    internal static IEnumerable<GemmPath> SupportedPaths => AllPaths.Where(Gemm.IsSupported);

    // Sizes around every blocking edge: micro-tile rows (6, 8) and columns (2, 8, 16, 32), KC = 256,
    // MC = 192, NC = 512, and degenerate ones.
    private static readonly int[][] Sizes =
    [
        [1, 1, 1], [7, 13, 5], [33, 65, 17], [128, 96, 64], [4, 3, 0], [0, 3, 4], [3, 0, 4],
        [1, 300, 257], [1, 530, 40], [1, 17, 600], [9, 33, 513], [200, 40, 20], [13, 530, 30], [194, 17, 3], [2, 1, 700],
    ];

    public static TheoryData<int, int, int, bool, bool, bool> Cases()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool>();
        foreach (var s in Sizes)
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    foreach (bool accumulate in new[] { false, true })
                        data.Add(s[0], s[1], s[2], ta, tb, accumulate);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryLaneMatchesANaiveDoubleReference(int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
    {
        var random = new RandomSource(m * 10007 + n * 101 + k);
        var a = Values(random, m * k);
        var b = Values(random, k * n);
        var initial = Values(random, m * n + 3); // a longer C keeps what lies past m·n
        foreach (var path in SupportedPaths)
        {
            var c = (float[])initial.Clone();
            if (!accumulate) c.AsSpan(0, m * n).Fill(float.NaN); // must be overwritten, not added to
            Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, c, accumulate, path, Environment.ProcessorCount);
            AssertMatchesReference(path, m, n, k, transposeA, transposeB, a, b, accumulate ? initial : null, c);
            Assert.Equal(initial.AsSpan(m * n).ToArray(), c.AsSpan(m * n).ToArray());
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ScalarFallbackComputesTheSameBitsAsEveryVectorLane(bool transposeA, bool transposeB)
    {
        // With hardware FMA every lane does one fused multiply-add per term in the same order; without
        // it every lane multiplies then adds. Either way they agree to the bit.
        const int m = 77, n = 91, k = 300; // edges in every dimension, two KC blocks
        var random = new RandomSource(4);
        var a = Values(random, m * k);
        var b = Values(random, k * n);
        var scalar = Values(random, m * n);
        var initial = (float[])scalar.Clone();
        Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, scalar, accumulate: true, GemmPath.Scalar, 1);
        foreach (var path in SupportedPaths.Where(p => p != GemmPath.Scalar))
        {
            var vector = (float[])initial.Clone();
            Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, vector, accumulate: true, path, Environment.ProcessorCount);
            Assert.Equal(scalar, vector);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ResultDoesNotDependOnTheThreadCountAndRepeats(bool transposeA, bool transposeB)
    {
        const int m = 300, n = 200, k = 270; // far above the parallel threshold, many tiles
        var random = new RandomSource(17);
        var a = Values(random, m * k);
        var b = Values(random, k * n);
        var one = new float[m * n];
        Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, one, accumulate: false, Gemm.BestPath, maxThreads: 1);
        for (int repeat = 0; repeat < 3; repeat++)
        {
            var all = new float[m * n];
            Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, all, accumulate: false, Gemm.BestPath, Environment.ProcessorCount);
            Assert.Equal(one, all);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void OneRowAloneGivesTheSameBitsAsInsideTheBatch(bool transposeA, bool transposeB)
    {
        const int m = 128, n = 96, k = 300;
        var random = new RandomSource(17);
        var a = Values(random, m * k);
        var b = Values(random, k * n);
        var batch = new float[m * n];
        Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, batch, accumulate: false);

        var row = new float[n];
        var aRow = new float[k];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++) aRow[p] = a[transposeA ? p * m + i : i * k + p];
            Gemm.Multiply(transposeA, transposeB, 1, n, k, aRow, b, row, accumulate: false);
            Assert.Equal(batch.AsSpan(i * n, n).ToArray(), row);
        }
    }

    [Theory]
    [InlineData(300, 400)] // n not a multiple of any strip
    [InlineData(5, 20_000)] // fewer columns than one strip: no split, but no error either
    public void OneRowSplitAcrossCoresGivesTheSameBitsOnEveryLane(int n, int k)
    {
        // above the one-row parallel threshold
        Assert.True((long)n * k >= Gemm.RowParallelThreshold);
        var random = new RandomSource(23);
        var a = Values(random, k);
        var b = Values(random, k * n);
        foreach (var path in Enum.GetValues<GemmPath>().Where(Gemm.IsSupported))
        {
            var one = new float[n];
            Gemm.Multiply(transposeA: false, transposeB: false, 1, n, k, a, b, one, accumulate: false, path, maxThreads: 1);
            for (int p = 0; p < n; p += 37)
            {
                double expected = 0;
                for (int q = 0; q < k; q++) expected += (double)a[q] * b[q * n + p];
                Assert.True(Math.Abs(one[p] - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{path} column {p}: {one[p]} vs {expected}");
            }
            var accumulatedOnOne = Enumerable.Repeat(1f, n).ToArray();
            Gemm.Multiply(transposeA: false, transposeB: false, 1, n, k, a, b, accumulatedOnOne, accumulate: true, path, maxThreads: 1);
            foreach (int threads in new[] { 2, 3, 8 })
            {
                var split = Enumerable.Repeat(1f, n).ToArray();
                Gemm.Multiply(transposeA: false, transposeB: false, 1, n, k, a, b, split, accumulate: false, path, threads);
                Assert.Equal(one, split);
                var accumulated = Enumerable.Repeat(1f, n).ToArray();
                Gemm.Multiply(transposeA: false, transposeB: false, 1, n, k, a, b, accumulated, accumulate: true, path, threads);
                Assert.Equal(accumulatedOnOne, accumulated);
            }
        }
    }

    [Fact]
    public void ConcurrentCallersGetCorrectResults()
    {
        const int m = 90, n = 70, k = 80;
        var random = new RandomSource(8);
        var a = Values(random, m * k);
        var b = Values(random, k * n);
        var expected = new float[m * n];
        Gemm.Multiply(transposeA: false, transposeB: true, m, n, k, a, b, expected, accumulate: false);
        Parallel.For(0, 16, _ =>
        {
            var c = new float[m * n];
            for (int r = 0; r < 20; r++)
            {
                Gemm.Multiply(transposeA: false, transposeB: true, m, n, k, a, b, c, accumulate: false);
                Assert.Equal(expected, c);
            }
        });
    }

    [Theory]
    [InlineData(5, 6, 7, 34, 42, 30, "A")]
    [InlineData(5, 6, 7, 35, 41, 30, "B")]
    [InlineData(5, 6, 7, 35, 42, 29, "C")]
    public void ArraysTooShortThrow(int m, int n, int k, int aLength, int bLength, int cLength, string which)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(transposeA: false, transposeB: false, m, n, k, new float[aLength], new float[bLength], new float[cLength], accumulate: false));
        Assert.StartsWith(which, error.Message);
    }

    [Theory]
    [InlineData(-1, 2, 2, "m")]
    [InlineData(2, -1, 2, "n")]
    [InlineData(2, 2, -1, "k")]
    public void NegativeDimensionsThrow(int m, int n, int k, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(transposeA: false, transposeB: false, m, n, k, new float[16], new float[16], new float[16], accumulate: false));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void AnUnsupportedLaneIsRefusedNotEmulated()
    {
        var missing = new[] { GemmPath.Vector512, GemmPath.Vector256, GemmPath.Vector128 }.Where(p => !Gemm.IsSupported(p)).ToArray();
        foreach (var path in missing)
            Assert.Throws<NotSupportedException>(() => Gemm.Multiply(transposeA: false, transposeB: false, 2, 2, 2, new float[4], new float[4], new float[4], accumulate: false, path, 1));
        Assert.True(Gemm.IsSupported(GemmPath.Scalar));
        Assert.True(Gemm.IsSupported(Gemm.BestPath));
    }

    [Theory]
    [InlineData(1, 256, 784, 2)]
    [InlineData(64, 256, 784, 2)]
    [InlineData(1024, 1024, 1024, 2)]
    [InlineData(784, 256, 64, 1)]
    [InlineData(64, 256, 784, 1)]
    public void TilesCoverCEvenlyWithEnoughWorkPerThread(int m, int n, int k, int threads)
    {
        var (mr, nr) = Gemm.MicroTile(Gemm.BestPath);
        var (rows, columns) = Gemm.ChooseTiles(m, n, k, false, false, mr, nr, threads);
        Assert.True(rows % mr == 0 || rows == m, $"tile rows {rows} not a multiple of {mr}");
        Assert.True(columns % nr == 0, $"tile columns {columns} not a multiple of {nr}");
        Assert.InRange(columns, 1, GemmBlocking.NC);
        int tiles = (m + rows - 1) / rows * ((n + columns - 1) / columns);
        if (threads == 1) Assert.Equal((n + GemmBlocking.NC - 1) / GemmBlocking.NC, tiles);
        else Assert.True(tiles >= threads, $"{tiles} tiles for {threads} threads");
    }

    private static void AssertMatchesReference(GemmPath path, int m, int n, int k, bool transposeA, bool transposeB,
        float[] a, float[] b, float[]? initial, float[] c)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = initial?[i * n + j] ?? 0, magnitude = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double product = (double)a[transposeA ? p * m + i : i * k + p] * b[transposeB ? j * k + p : p * n + j];
                    sum += product;
                    magnitude += Math.Abs(product);
                }
                // float32 summation error is bounded by about (k + 1)·2⁻²⁴·Σ|terms|
                double tolerance = 2 * (k + 1) * Math.Pow(2, -24) * magnitude;
                Assert.True(Math.Abs(c[i * n + j] - sum) <= tolerance,
                    $"{path}: C[{i},{j}] = {c[i * n + j]:R}, reference {sum:R} (op {(transposeA ? "T" : "N")}{(transposeB ? "T" : "N")}, {m}×{n}×{k}).");
            }
    }

    private static float[] Values(RandomSource random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = random.NextGaussian();
        return values;
    }
}

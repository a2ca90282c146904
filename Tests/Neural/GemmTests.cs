using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Tests.Neural;

public class GemmTests
{
    public static TheoryData<int, int, int, bool, bool, bool> Cases()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool>();
        int[][] sizes = [[1, 1, 1], [7, 13, 5], [33, 65, 17], [128, 96, 64], [4, 3, 0], [0, 3, 4]];
        foreach (var s in sizes)
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    foreach (bool accumulate in new[] { false, true })
                        data.Add(s[0], s[1], s[2], ta, tb, accumulate);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesANaiveDoubleReference(int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
    {
        var random = new RandomSource(m * 10007 + n * 101 + k);
        var a = Values(random, m * k);
        var b = Values(random, k * n);
        var c = Values(random, m * n + 3); // a longer C keeps what lies past m·n
        var initial = (float[])c.Clone();
        if (!accumulate) c.AsSpan(0, m * n).Fill(float.NaN);

        Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, c, accumulate);

        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? initial[i * n + j] : 0, magnitude = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double product = (double)a[transposeA ? p * m + i : i * k + p] * b[transposeB ? j * k + p : p * n + j];
                    sum += product;
                    magnitude += Math.Abs(product);
                }
                // float32 summation error is bounded by about (k + 1)·2⁻²⁴·Σ|terms|
                double tolerance = 2 * (k + 1) * Math.Pow(2, -24) * magnitude;
                Assert.True(Math.Abs(c[i * n + j] - sum) <= tolerance,
                    $"C[{i},{j}] = {c[i * n + j]:R}, reference {sum:R} (op {(transposeA ? "T" : "N")}{(transposeB ? "T" : "N")}).");
            }
        Assert.Equal(initial.AsSpan(m * n).ToArray(), c.AsSpan(m * n).ToArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ParallelResultIsIdenticalAcrossRunsAndToOneRowAtATime(bool transposeA, bool transposeB)
    {
        const int m = 128, n = 96, k = 64; // m·n·k above the parallel threshold
        var random = new RandomSource(17);
        var a = Values(random, m * k);
        var b = Values(random, k * n);
        var first = new float[m * n];
        var second = new float[m * n];
        Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, first, accumulate: false);
        Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, second, accumulate: false);
        Assert.Equal(first, second);

        var row = new float[n];
        var aRow = new float[k];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++) aRow[p] = a[transposeA ? p * m + i : i * k + p];
            Gemm.Multiply(transposeA, transposeB, 1, n, k, aRow, b, row, accumulate: false);
            Assert.Equal(first.AsSpan(i * n, n).ToArray(), row);
        }
    }

    [Theory]
    [InlineData(5, 6, 7, 34, 42, 30, "A")]
    [InlineData(5, 6, 7, 35, 41, 30, "B")]
    [InlineData(5, 6, 7, 35, 42, 29, "C")]
    public void ArraysTooShortThrow(int m, int n, int k, int aLength, int bLength, int cLength, string which)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(false, false, m, n, k, new float[aLength], new float[bLength], new float[cLength], accumulate: false));
        Assert.StartsWith(which, error.Message);
    }

    private static float[] Values(RandomSource random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = random.NextGaussian();
        return values;
    }
}

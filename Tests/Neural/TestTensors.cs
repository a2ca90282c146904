using MLExt.Neural;

namespace MLExt.Tests.Neural;

/// <summary>Small helpers for building and comparing tensors in tests.</summary>
internal static class TestTensors
{
    /// <summary>A tensor of N(0, scale²) values from <paramref name="random"/>.</summary>
    public static Tensor Gaussian(RandomSource random, int[] shape, float scale = 1f)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t[i] = random.NextGaussian() * scale;
        return t;
    }

    /// <summary>A tensor of U(low, high) values from <paramref name="random"/>.</summary>
    public static Tensor Uniform(RandomSource random, int[] shape, float low, float high)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t[i] = low + (high - low) * random.NextFloat();
        return t;
    }

    /// <summary>The batch shape [n, ...perSample].</summary>
    public static int[] Batch(int n, int[] perSample) => [n, .. perSample];

    /// <summary>Asserts that two tensors have the same shape and bit-identical values.</summary>
    public static void AssertIdentical(Tensor expected, Tensor actual, string what)
    {
        Assert.True(Tensor.SameShape(expected.Shape, actual.Shape), $"{what}: shape {actual.ShapeText}, expected {expected.ShapeText}.");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}: value {i} is {actual[i]:R}, expected exactly {expected[i]:R}.");
    }

    /// <summary>Asserts |expected − actual| ≤ tolerance·max(max|expected|, 1e-6) element-wise.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1e-6;
        foreach (float e in expected) scale = Math.Max(scale, Math.Abs(e));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - (double)actual[i]) <= tolerance * scale,
                $"{what}: value {i} is {actual[i]:R}, expected {expected[i]:R} (tolerance {tolerance * scale:G3}).");
    }

    /// <summary>Σ aᵢ·bᵢ in double.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }
}

using System.Numerics.Tensors;

namespace MLExt.Neural.Kernels;

/// <summary>
/// Row-major single-precision matrix multiply, C = op(A)·op(B) (+ C when accumulating), in the four
/// forms that forward and backward passes need, without materialising a transpose. Work is split
/// across cores by rows of C, so each output value is computed by one thread in a fixed order: the
/// result does not depend on the number of threads.
/// </summary>
internal static class Gemm
{
    private const long ParallelThreshold = 1L << 18; // multiply-adds below which one thread is faster

    /// <summary>
    /// C[m×n] = op(A)[m×k] · op(B)[k×n], or C += … when <paramref name="accumulate"/>.
    /// A is stored [m×k] (or [k×m] when <paramref name="transposeA"/>), B [k×n] (or [n×k]), all tight.
    /// </summary>
    /// <exception cref="ArgumentException">An array is too short for its dimensions.</exception>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        float[] a, float[] b, float[] c, bool accumulate)
    {
        if ((long)m * k > a.Length) throw new ArgumentException($"A holds {a.Length} values, fewer than {m}×{k}.", nameof(a));
        if ((long)k * n > b.Length) throw new ArgumentException($"B holds {b.Length} values, fewer than {k}×{n}.", nameof(b));
        if ((long)m * n > c.Length) throw new ArgumentException($"C holds {c.Length} values, fewer than {m}×{n}.", nameof(c));
        if (m == 0 || n == 0) return;
        if (!accumulate) c.AsSpan(0, m * n).Clear();
        if (k == 0) return;

        Action<int> row = (transposeA, transposeB) switch
        {
            (false, false) => i => RowNN(i, n, k, a, b, c),
            (false, true) => i => RowNT(i, n, k, a, b, c),
            (true, false) => i => RowTN(i, m, n, k, a, b, c),
            (true, true) => i => RowTT(i, m, n, k, a, b, c),
        };
        if ((long)m * n * k < ParallelThreshold || m == 1)
        {
            for (int i = 0; i < m; i++) row(i);
        }
        else
        {
            Parallel.For(0, m, row);
        }
    }

    // C[i,:] += Σ_p A[i,p] · B[p,:]
    private static void RowNN(int i, int n, int k, float[] a, float[] b, float[] c)
    {
        var ci = c.AsSpan(i * n, n);
        var ai = a.AsSpan(i * k, k);
        for (int p = 0; p < k; p++)
        {
            float s = ai[p];
            if (s != 0f) TensorPrimitives.MultiplyAdd(b.AsSpan(p * n, n), s, ci, ci);
        }
    }

    // C[i,j] += A[i,:] · B[j,:]
    private static void RowNT(int i, int n, int k, float[] a, float[] b, float[] c)
    {
        var ai = a.AsSpan(i * k, k);
        var ci = c.AsSpan(i * n, n);
        for (int j = 0; j < n; j++) ci[j] += TensorPrimitives.Dot(ai, b.AsSpan(j * k, k));
    }

    // C[i,:] += Σ_p A[p,i] · B[p,:]
    private static void RowTN(int i, int m, int n, int k, float[] a, float[] b, float[] c)
    {
        var ci = c.AsSpan(i * n, n);
        for (int p = 0; p < k; p++)
        {
            float s = a[p * m + i];
            if (s != 0f) TensorPrimitives.MultiplyAdd(b.AsSpan(p * n, n), s, ci, ci);
        }
    }

    // C[i,j] += Σ_p A[p,i] · B[j,p]
    private static void RowTT(int i, int m, int n, int k, float[] a, float[] b, float[] c)
    {
        var ci = c.AsSpan(i * n, n);
        for (int j = 0; j < n; j++)
        {
            float sum = 0f;
            for (int p = 0; p < k; p++) sum += a[p * m + i] * b[j * k + p];
            ci[j] += sum;
        }
    }
}

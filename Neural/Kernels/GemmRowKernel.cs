using System.Runtime.Intrinsics;
using static MLExt.Neural.Kernels.GemmBlocking;

namespace MLExt.Neural.Kernels;

/// <summary>
/// C[1×n] = a[1×k]·B[k×n] for a single row with B in place (row-major, not transposed): the
/// inference of one sample. The micro-kernel's 1-row form would keep only two accumulators busy, so
/// this one sweeps each B row across eight vectors at once (eight independent FMA chains, B read
/// in order). Each C value is still Σ over KC blocks of in-order fused sums, then C = S or C += S,
/// so it equals, to the bit, the same row computed inside a batch.
/// </summary>
internal static unsafe class GemmRowKernel
{
    private const int Strip = 8; // vectors per strip

    /// <summary>Columns of C a strip covers on <paramref name="path"/> (tiles of a parallel call are multiples of it).</summary>
    public static int StripColumns(GemmPath path) => Strip * Gemm.MicroTile(path).Columns / 2;

    /// <summary>C[0, j] for j in [<paramref name="first"/>, <paramref name="end"/>): the whole row by default.</summary>
    public static void Multiply(GemmPath path, int n, int k, float[] a, float[] b, float[] c, bool accumulate, int first = 0, int end = -1)
    {
        if (end < 0) end = n;
        switch (path)
        {
            case GemmPath.Vector512: Run<Vector512<float>, Vector512Lane>(n, k, a, b, c, accumulate, first, end); break;
            case GemmPath.Vector256: Run<Vector256<float>, Vector256Lane>(n, k, a, b, c, accumulate, first, end); break;
            case GemmPath.Vector128: Run<Vector128<float>, Vector128Lane>(n, k, a, b, c, accumulate, first, end); break;
            default: Run<float, ScalarLane>(n, k, a, b, c, accumulate, first, end); break;
        }
    }

    private static void Run<TVector, TLane>(int n, int k, float[] a, float[] b, float[] c, bool accumulate, int first, int end)
        where TVector : unmanaged
        where TLane : struct, IGemmLane<TVector>
    {
        int width = TLane.Width;
        fixed (float* pa = a, pb = b, pc = c)
        {
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                int kc = Math.Min(KC, k - p0);
                bool overwrite = p0 == 0 && !accumulate;
                float* block = pb + (nint)p0 * n;
                int j = first;
                for (; j + Strip * width <= end; j += Strip * width) Strip8<TVector, TLane>(kc, pa + p0, block + j, n, pc + j, overwrite);
                for (; j + width <= end; j += width) Strip1<TVector, TLane>(kc, pa + p0, block + j, n, pc + j, overwrite);
                for (; j < end; j++) Strip1<float, ScalarLane>(kc, pa + p0, block + j, n, pc + j, overwrite);
            }
        }
    }

    // S[j] = Σ_p a[p]·B[p, j] over 8 vectors of columns; C = S or C += S.
    private static void Strip8<TVector, TLane>(int kc, float* a, float* b, nint ldb, float* c, bool overwrite)
        where TVector : unmanaged
        where TLane : struct, IGemmLane<TVector>
    {
        int w = TLane.Width;
        TVector s0 = TLane.Zero, s1 = TLane.Zero, s2 = TLane.Zero, s3 = TLane.Zero;
        TVector s4 = TLane.Zero, s5 = TLane.Zero, s6 = TLane.Zero, s7 = TLane.Zero;
        for (int p = 0; p < kc; p++, b += ldb)
        {
            var ap = TLane.Broadcast(a[p]);
            s0 = TLane.MultiplyAdd(ap, TLane.Load(b), s0);
            s1 = TLane.MultiplyAdd(ap, TLane.Load(b + w), s1);
            s2 = TLane.MultiplyAdd(ap, TLane.Load(b + 2 * w), s2);
            s3 = TLane.MultiplyAdd(ap, TLane.Load(b + 3 * w), s3);
            s4 = TLane.MultiplyAdd(ap, TLane.Load(b + 4 * w), s4);
            s5 = TLane.MultiplyAdd(ap, TLane.Load(b + 5 * w), s5);
            s6 = TLane.MultiplyAdd(ap, TLane.Load(b + 6 * w), s6);
            s7 = TLane.MultiplyAdd(ap, TLane.Load(b + 7 * w), s7);
        }
        Write<TVector, TLane>(s0, c, overwrite);
        Write<TVector, TLane>(s1, c + w, overwrite);
        Write<TVector, TLane>(s2, c + 2 * w, overwrite);
        Write<TVector, TLane>(s3, c + 3 * w, overwrite);
        Write<TVector, TLane>(s4, c + 4 * w, overwrite);
        Write<TVector, TLane>(s5, c + 5 * w, overwrite);
        Write<TVector, TLane>(s6, c + 6 * w, overwrite);
        Write<TVector, TLane>(s7, c + 7 * w, overwrite);
    }

    // The same over one vector (or, with the scalar lane, one column).
    private static void Strip1<TVector, TLane>(int kc, float* a, float* b, nint ldb, float* c, bool overwrite)
        where TVector : unmanaged
        where TLane : struct, IGemmLane<TVector>
    {
        TVector s = TLane.Zero;
        for (int p = 0; p < kc; p++, b += ldb) s = TLane.MultiplyAdd(TLane.Broadcast(a[p]), TLane.Load(b), s);
        Write<TVector, TLane>(s, c, overwrite);
    }

    // C = S, or C += S
    private static void Write<TVector, TLane>(TVector s, float* c, bool overwrite)
        where TVector : unmanaged
        where TLane : struct, IGemmLane<TVector> =>
        TLane.Store(overwrite ? s : TLane.Add(TLane.Load(c), s), c);
}

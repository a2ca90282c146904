using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLExt.Neural.Kernels;

/// <summary>
/// Copies blocks of A and B into the contiguous slivers the micro-kernel reads: A as MR-row slivers
/// (A[r, p] at p·MR + r), B as NR-column slivers (B[p, j] at p·NR + j), zero-padded at the edges.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// dst[p·stride + r] = src[r·ld + p] for r &lt; lines, p &lt; count: interleaves <paramref name="lines"/>
    /// source rows. Blocks of 8 × 8 are transposed in AVX registers where available.
    /// </summary>
    public static void Interleave(float* src, nint ld, int lines, int count, float* dst, int stride)
    {
        int r = 0;
        if (Avx.IsSupported)
        {
            for (; r + 8 <= lines; r += 8)
            {
                int p = 0;
                for (; p + 8 <= count; p += 8) Transpose8x8(src + r * ld + p, ld, dst + (nint)p * stride + r, stride);
                if (p < count) InterleaveScalar(src + r * ld, ld, 8, p, count, dst + r, stride);
            }
        }
        if (r < lines) InterleaveScalar(src + r * ld, ld, lines - r, 0, count, dst + r, stride);
    }

    /// <summary>
    /// dst[p·stride + j] = src[p·ld + j] for j &lt; cols, and 0 for cols ≤ j &lt; stride, p &lt; count:
    /// copies row pieces, padding each to the sliver width.
    /// </summary>
    public static void CopyRows(float* src, nint ld, int cols, int count, float* dst, int stride)
    {
        for (int p = 0; p < count; p++)
        {
            new ReadOnlySpan<float>(src + p * ld, cols).CopyTo(new Span<float>(dst + (nint)p * stride, cols));
            if (cols < stride) new Span<float>(dst + (nint)p * stride + cols, stride - cols).Clear();
        }
    }

    /// <summary>Sets dst[p·stride + j] = 0 for from ≤ j &lt; stride, p &lt; count.</summary>
    public static void ClearColumns(float* dst, int from, int count, int stride)
    {
        if (from >= stride) return;
        for (int p = 0; p < count; p++) new Span<float>(dst + (nint)p * stride + from, stride - from).Clear();
    }

    private static void InterleaveScalar(float* src, nint ld, int lines, int from, int count, float* dst, int stride)
    {
        for (int p = from; p < count; p++)
            for (int r = 0; r < lines; r++)
                dst[(nint)p * stride + r] = src[r * ld + p];
    }

    // d[i·stride + r] = s[r·ld + i] for an 8 × 8 block.
    private static void Transpose8x8(float* s, nint ld, float* d, nint stride)
    {
        Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + ld),
            r2 = Avx.LoadVector256(s + 2 * ld), r3 = Avx.LoadVector256(s + 3 * ld),
            r4 = Avx.LoadVector256(s + 4 * ld), r5 = Avx.LoadVector256(s + 5 * ld),
            r6 = Avx.LoadVector256(s + 6 * ld), r7 = Avx.LoadVector256(s + 7 * ld);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1),
            t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3),
            t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5),
            t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE),
            u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE),
            u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE),
            u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + stride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * stride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * stride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * stride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * stride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * stride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7 * stride, Avx.Permute2x128(u3, u7, 0x31));
    }
}

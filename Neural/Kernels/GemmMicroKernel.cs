namespace MLExt.Neural.Kernels;

/// <summary>
/// The register-blocked GEMM micro-kernel. For a micro-tile of R ≤ MR rows and NR = 2·W columns it
/// computes S[r, j] = Σ_{p &lt; kc} A[r, p]·B[p, j] in registers, summed in p order with one fused
/// multiply-add per term, then C = S (<c>overwrite</c>) or C += S. A is a packed sliver
/// (A[r, p] at a[p·MR + r]); B rows of NR contiguous floats lie <c>ldb</c> apart (packed: ldb = NR).
/// Every C value is computed the same way whatever the lane, tile or thread.
/// </summary>
internal static unsafe class GemmMicroKernel
{
    public static void Run<TVector, TLane, TRows>(int kc, float* a, float* b, nint ldb, float* c, nint ldc, bool overwrite)
        where TVector : unmanaged
        where TLane : struct, IGemmLane<TVector>
        where TRows : struct, GemmRows.ICount
    {
        int width = TLane.Width, mr = TLane.Rows;
        TVector c0a = TLane.Zero, c0b = TLane.Zero, c1a = TLane.Zero, c1b = TLane.Zero;
        TVector c2a = TLane.Zero, c2b = TLane.Zero, c3a = TLane.Zero, c3b = TLane.Zero;
        TVector c4a = TLane.Zero, c4b = TLane.Zero, c5a = TLane.Zero, c5b = TLane.Zero;
        TVector c6a = TLane.Zero, c6b = TLane.Zero, c7a = TLane.Zero, c7b = TLane.Zero;
        for (int p = 0; p < kc; p++)
        {
            // S[r, :] += A[r, p] · B[p, :]   (rows beyond R are compiled out)
            TVector b0 = TLane.Load(b), b1 = TLane.Load(b + width);
            TVector ar = TLane.Broadcast(a[0]);
            c0a = TLane.MultiplyAdd(ar, b0, c0a);
            c0b = TLane.MultiplyAdd(ar, b1, c0b);
            if (TRows.Count > 1) { ar = TLane.Broadcast(a[1]); c1a = TLane.MultiplyAdd(ar, b0, c1a); c1b = TLane.MultiplyAdd(ar, b1, c1b); }
            if (TRows.Count > 2) { ar = TLane.Broadcast(a[2]); c2a = TLane.MultiplyAdd(ar, b0, c2a); c2b = TLane.MultiplyAdd(ar, b1, c2b); }
            if (TRows.Count > 3) { ar = TLane.Broadcast(a[3]); c3a = TLane.MultiplyAdd(ar, b0, c3a); c3b = TLane.MultiplyAdd(ar, b1, c3b); }
            if (TRows.Count > 4) { ar = TLane.Broadcast(a[4]); c4a = TLane.MultiplyAdd(ar, b0, c4a); c4b = TLane.MultiplyAdd(ar, b1, c4b); }
            if (TRows.Count > 5) { ar = TLane.Broadcast(a[5]); c5a = TLane.MultiplyAdd(ar, b0, c5a); c5b = TLane.MultiplyAdd(ar, b1, c5b); }
            if (TRows.Count > 6) { ar = TLane.Broadcast(a[6]); c6a = TLane.MultiplyAdd(ar, b0, c6a); c6b = TLane.MultiplyAdd(ar, b1, c6b); }
            if (TRows.Count > 7) { ar = TLane.Broadcast(a[7]); c7a = TLane.MultiplyAdd(ar, b0, c7a); c7b = TLane.MultiplyAdd(ar, b1, c7b); }
            a += mr;
            b += ldb;
        }
        Write<TVector, TLane>(c0a, c0b, c, width, overwrite);
        if (TRows.Count > 1) Write<TVector, TLane>(c1a, c1b, c + ldc, width, overwrite);
        if (TRows.Count > 2) Write<TVector, TLane>(c2a, c2b, c + 2 * ldc, width, overwrite);
        if (TRows.Count > 3) Write<TVector, TLane>(c3a, c3b, c + 3 * ldc, width, overwrite);
        if (TRows.Count > 4) Write<TVector, TLane>(c4a, c4b, c + 4 * ldc, width, overwrite);
        if (TRows.Count > 5) Write<TVector, TLane>(c5a, c5b, c + 5 * ldc, width, overwrite);
        if (TRows.Count > 6) Write<TVector, TLane>(c6a, c6b, c + 6 * ldc, width, overwrite);
        if (TRows.Count > 7) Write<TVector, TLane>(c7a, c7b, c + 7 * ldc, width, overwrite);
    }

    // C = S, or C += S
    private static void Write<TVector, TLane>(TVector left, TVector right, float* c, int width, bool overwrite)
        where TVector : unmanaged
        where TLane : struct, IGemmLane<TVector>
    {
        if (!overwrite)
        {
            left = TLane.Add(TLane.Load(c), left);
            right = TLane.Add(TLane.Load(c + width), right);
        }
        TLane.Store(left, c);
        TLane.Store(right, c + width);
    }
}

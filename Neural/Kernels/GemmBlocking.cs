namespace MLExt.Neural.Kernels;

/// <summary>
/// Cache blocking of the GEMM. KC fixes how the k sum is split (each C value is the sum of its
/// KC-long partial sums, in order), so it is the same for every lane, tile and thread count.
/// </summary>
internal static class GemmBlocking
{
    /// <summary>Depth of a packed block: a KC × NR sliver of B stays in L1 while A slivers stream past it.</summary>
    public const int KC = 256;

    /// <summary>Rows of a packed A block (MC × KC fits in L2); a multiple of every lane's MR (6 and 8).</summary>
    public const int MC = 192;

    /// <summary>Most columns of a tile and of its packed B block (KC × NC in L2/L3); a multiple of every NR.</summary>
    public const int NC = 512;
}

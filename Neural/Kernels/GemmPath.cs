namespace MLExt.Neural.Kernels;

/// <summary>Which micro-kernel lane a GEMM runs on.</summary>
internal enum GemmPath
{
    /// <summary>One float at a time (any CPU).</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE, Arm NEON).</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2 + FMA).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512,
}

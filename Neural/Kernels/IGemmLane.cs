namespace MLExt.Neural.Kernels;

/// <summary>
/// One register type of the GEMM micro-kernel: a vector of <see cref="Width"/> floats (or a single
/// float for the scalar fallback) and the operations the kernel needs. The kernel is written once,
/// generically over this interface; the JIT compiles a specialised copy per lane type.
/// </summary>
/// <typeparam name="TVector">The register type.</typeparam>
internal unsafe interface IGemmLane<TVector> where TVector : unmanaged
{
    /// <summary>Floats per register.</summary>
    static abstract int Width { get; }

    /// <summary>Rows of C per micro-tile (MR); the micro-tile is MR × 2·Width.</summary>
    static abstract int Rows { get; }

    /// <summary>Whether this lane runs in hardware on this machine.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>All zeros.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Loads <see cref="Width"/> floats from <paramref name="source"/> (unaligned).</summary>
    static abstract TVector Load(float* source);

    /// <summary>Every element set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary>a·b + c, fused (one rounding) where the hardware has FMA.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>a + b.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>Stores <see cref="Width"/> floats to <paramref name="destination"/> (unaligned).</summary>
    static abstract void Store(TVector value, float* destination);
}

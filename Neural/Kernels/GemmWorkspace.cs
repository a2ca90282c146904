using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLExt.Neural.Kernels;

/// <summary>
/// One participant's packing buffers, allocated once on the pinned object heap and reused by every
/// GEMM that borrows them: a packed A block (MC × KC), a packed B block (KC × NC), one packed edge
/// sliver of B, and a micro-tile for edge columns.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    private const int MaxSliverWidth = 32; // 2 · 16 floats (AVX-512)
    private const int MaxRows = 8;

    private readonly float[] _a = GC.AllocateUninitializedArray<float>(GemmBlocking.MC * GemmBlocking.KC, pinned: true);
    private readonly float[] _b = GC.AllocateUninitializedArray<float>(GemmBlocking.KC * GemmBlocking.NC, pinned: true);
    private readonly float[] _edge = GC.AllocateUninitializedArray<float>(GemmBlocking.KC * MaxSliverWidth, pinned: true);
    private readonly float[] _tile = GC.AllocateUninitializedArray<float>(MaxRows * MaxSliverWidth, pinned: true);

    public float* A => Pointer(_a);
    public float* B => Pointer(_b);
    public float* Edge => Pointer(_edge);
    public float* Tile => Pointer(_tile);

    private static float* Pointer(float[] pinned) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}

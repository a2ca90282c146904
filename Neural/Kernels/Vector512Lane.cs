using System.Runtime.Intrinsics;

namespace MLExt.Neural.Kernels;

/// <summary>AVX-512: 16 floats per register, micro-tile 8 × 32 (16 accumulators of the 32 registers).</summary>
internal readonly unsafe struct Vector512Lane : IGemmLane<Vector512<float>>
{
    public static int Width => Vector512<float>.Count;
    public static int Rows => 8;
    public static bool IsSupported => Vector512.IsHardwareAccelerated;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    public static Vector512<float> Load(float* source) => Vector512.Load(source);
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    public static void Store(Vector512<float> value, float* destination) => value.Store(destination);
}

using System.Runtime.Intrinsics;

namespace MLExt.Neural.Kernels;

/// <summary>AVX2 + FMA: 8 floats per register, micro-tile 6 × 16 (12 accumulators of the 16 registers).</summary>
internal readonly unsafe struct Vector256Lane : IGemmLane<Vector256<float>>
{
    public static int Width => Vector256<float>.Count;
    public static int Rows => 6;
    public static bool IsSupported => Vector256.IsHardwareAccelerated;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    public static Vector256<float> Load(float* source) => Vector256.Load(source);
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    public static void Store(Vector256<float> value, float* destination) => value.Store(destination);
}

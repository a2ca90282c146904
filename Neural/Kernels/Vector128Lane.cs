using System.Runtime.Intrinsics;

namespace MLExt.Neural.Kernels;

/// <summary>SSE / Arm NEON: 4 floats per register, micro-tile 6 × 8.</summary>
internal readonly unsafe struct Vector128Lane : IGemmLane<Vector128<float>>
{
    public static int Width => Vector128<float>.Count;
    public static int Rows => 6;
    public static bool IsSupported => Vector128.IsHardwareAccelerated;
    public static Vector128<float> Zero => Vector128<float>.Zero;
    public static Vector128<float> Load(float* source) => Vector128.Load(source);
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    public static void Store(Vector128<float> value, float* destination) => value.Store(destination);
}

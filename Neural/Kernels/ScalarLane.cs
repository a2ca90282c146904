namespace MLExt.Neural.Kernels;

/// <summary>
/// The portable fallback: one float per "register", micro-tile 6 × 2. Uses the same fused
/// multiply-add as the vector lanes where the hardware has one, so it computes the same bits.
/// </summary>
internal readonly unsafe struct ScalarLane : IGemmLane<float>
{
    public static int Width => 1;
    public static int Rows => 6;
    public static bool IsSupported => true;
    public static float Zero => 0f;
    public static float Load(float* source) => *source;
    public static float Broadcast(float value) => value;
    public static float MultiplyAdd(float a, float b, float c) => float.MultiplyAddEstimate(a, b, c);
    public static float Add(float a, float b) => a + b;
    public static void Store(float value, float* destination) => *destination = value;
}

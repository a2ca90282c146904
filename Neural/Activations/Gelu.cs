using System.Numerics;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// GELU, tanh approximation: y = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³);
/// dy/dx = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
/// </summary>
public sealed class Gelu : ActivationFunction
{
    private const float C = 0.7978845608f; // √(2/π)
    private const float A = 0.044715f;

    /// <inheritdoc/>
    public override Activation Kind => Activation.Gelu;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength)
        // y = ½x(1 + tanh u)
        => Elementwise.Apply(new Function(), x, y);

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
        // dx = dy·(½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²))
        => Elementwise.Apply(new Derivative(), x, dy, dx);

    // tanh u = 1 − 2/(e^(2u) + 1), u = √(2/π)(x + 0.044715x³); exact at ±∞ (e^(2u) → ∞ or 0).
    private static Vector<float> TanhU(Vector<float> x)
    {
        var u = new Vector<float>(C) * (x + new Vector<float>(A) * x * x * x);
        return Vector<float>.One - new Vector<float>(2f) / (Vector.Exp(u + u) + Vector<float>.One);
    }

    private static float TanhU(float x)
    {
        float u = C * (x + A * x * x * x);
        return 1f - 2f / (MathF.Exp(u + u) + 1f);
    }

    private readonly struct Function : IElementwiseOperator
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> unused1, Vector<float> unused2) =>
            new Vector<float>(0.5f) * x * (Vector<float>.One + TanhU(x));

        public float Invoke(float x, float unused1, float unused2) => 0.5f * x * (1f + TanhU(x));
    }

    private readonly struct Derivative : IElementwiseOperator
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> dy, Vector<float> unused)
        {
            var t = TanhU(x);
            var half = new Vector<float>(0.5f);
            return dy * (half * (Vector<float>.One + t) + half * x * (Vector<float>.One - t * t) * new Vector<float>(C) * (Vector<float>.One + new Vector<float>(3f * A) * x * x));
        }

        public float Invoke(float x, float dy, float unused)
        {
            float t = TanhU(x);
            return dy * (0.5f * (1f + t) + 0.5f * x * (1f - t * t) * C * (1f + 3f * A * x * x));
        }
    }
}

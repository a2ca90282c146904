using System.Numerics;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>Exponential linear unit: y = x for x &gt; 0, α(eˣ − 1) otherwise; dy/dx = 1 or y + α.</summary>
public sealed class Elu(float alpha) : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.Elu;

    /// <inheritdoc/>
    public override float Alpha => alpha;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength)
        // y = x for x > 0, α(eˣ − 1) otherwise
        => Elementwise.Apply(new Function(alpha), x, y);

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
        // dx = dy for x > 0, dy·(y + α) otherwise
        => Elementwise.Apply(new Derivative(alpha), x, y, dy, dx);

    private readonly struct Function(float alpha) : IElementwiseOperator
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> unused1, Vector<float> unused2) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, (Vector.Exp(Vector.Min(x, Vector<float>.Zero)) - Vector<float>.One) * alpha);

        public float Invoke(float x, float unused1, float unused2) => x > 0f ? x : alpha * (MathF.Exp(x) - 1f);
    }

    private readonly struct Derivative(float alpha) : IElementwiseOperator
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> y, Vector<float> dy) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), dy, dy * (y + new Vector<float>(alpha)));

        public float Invoke(float x, float y, float dy) => x > 0f ? dy : dy * (y + alpha);
    }
}

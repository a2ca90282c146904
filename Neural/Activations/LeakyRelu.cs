using System.Numerics;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>Leaky ReLU: y = x for x &gt; 0, αx otherwise; dy/dx = 1 or α.</summary>
public sealed class LeakyRelu(float alpha) : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.LeakyRelu;

    /// <inheritdoc/>
    public override float Alpha => alpha;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength)
        // y = x for x > 0, αx otherwise
        => Elementwise.Apply(new Slope(alpha), x, x, y);

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
        // dx = dy for x > 0, α·dy otherwise
        => Elementwise.Apply(new Slope(alpha), x, dy, dx);

    // v for x > 0, α·v otherwise
    private readonly struct Slope(float alpha) : IElementwiseOperator
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> v, Vector<float> unused) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), v, v * alpha);

        public float Invoke(float x, float v, float unused) => x > 0f ? v : alpha * v;
    }
}

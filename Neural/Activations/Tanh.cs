using System.Numerics;
using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>Hyperbolic tangent: y = tanh x, dy/dx = 1 − y².</summary>
public sealed class Tanh : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.Tanh;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength) => TensorPrimitives.Tanh(x, y);

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
        // dx = dy · (1 − y²)
        => Elementwise.Apply(new Derivative(), y, dy, dx);

    private readonly struct Derivative : IElementwiseOperator
    {
        public Vector<float> Invoke(Vector<float> y, Vector<float> dy, Vector<float> unused) => dy * (Vector<float>.One - y * y);

        public float Invoke(float y, float dy, float unused) => dy * (1f - y * y);
    }
}

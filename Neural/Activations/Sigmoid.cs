using System.Numerics;
using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>Sigmoid: y = 1/(1+e^−x), dy/dx = y(1−y).</summary>
public sealed class Sigmoid : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.Sigmoid;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength) => TensorPrimitives.Sigmoid(x, y);

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
        // dx = dy · y · (1 − y)
        => Elementwise.Apply(new Derivative(), y, dy, dx);

    private readonly struct Derivative : IElementwiseOperator
    {
        public Vector<float> Invoke(Vector<float> y, Vector<float> dy, Vector<float> unused) => dy * y * (Vector<float>.One - y);

        public float Invoke(float y, float dy, float unused) => dy * y * (1f - y);
    }
}

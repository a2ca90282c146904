using System.Numerics;
using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>Rectified linear unit: y = max(0, x), dy/dx = [x &gt; 0].</summary>
public sealed class Relu : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.Relu;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength) => TensorPrimitives.Max(x, 0f, y);

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
        // dx = dy · [x > 0]
        => Elementwise.Apply(new Derivative(), x, dy, dx);

    private readonly struct Derivative : IElementwiseOperator
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> dy, Vector<float> unused) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), dy, Vector<float>.Zero);

        public float Invoke(float x, float dy, float unused) => x > 0f ? dy : 0f;
    }
}

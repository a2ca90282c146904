using System.Numerics.Tensors;

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
    {
        // dx = dy · (1 − y²)
        for (int i = 0; i < dx.Length; i++) dx[i] = dy[i] * (1f - y[i] * y[i]);
    }
}

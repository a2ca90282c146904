using System.Numerics.Tensors;

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
    {
        // dx = dy · y · (1 − y)
        for (int i = 0; i < dx.Length; i++) dx[i] = dy[i] * y[i] * (1f - y[i]);
    }
}

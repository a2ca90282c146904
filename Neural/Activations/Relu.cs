using System.Numerics.Tensors;

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
    {
        // dx = dy · [x > 0]
        for (int i = 0; i < dx.Length; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
    }
}

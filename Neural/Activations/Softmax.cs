using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>Softmax over each row: y_i = e^{x_i−max} / Σ_j e^{x_j−max}; dx_i = y_i(dy_i − Σ_j y_j dy_j).</summary>
public sealed class Softmax : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.Softmax;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength)
    {
        // TensorPrimitives.SoftMax subtracts the row maximum, so large logits do not overflow.
        for (int start = 0; start < x.Length; start += rowLength)
            TensorPrimitives.SoftMax(x.Slice(start, rowLength), y.Slice(start, rowLength));
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
    {
        for (int start = 0; start < x.Length; start += rowLength)
        {
            var yr = y.Slice(start, rowLength);
            var dyr = dy.Slice(start, rowLength);
            var dxr = dx.Slice(start, rowLength);
            float dot = TensorPrimitives.Dot(yr, dyr);
            // dx = y ⊙ (dy − ⟨y, dy⟩)
            TensorPrimitives.Subtract(dyr, dot, dxr);
            TensorPrimitives.Multiply(dxr, yr, dxr);
        }
    }
}

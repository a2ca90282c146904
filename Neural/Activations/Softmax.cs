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
        // TensorPrimitives.SoftMax does not subtract the row maximum (e^1000 overflows to NaN), so do it here.
        for (int start = 0; start < x.Length; start += rowLength)
        {
            var xr = x.Slice(start, rowLength);
            var yr = y.Slice(start, rowLength);
            // y = e^(x − max) / Σ e^(x − max)
            TensorPrimitives.Subtract(xr, TensorPrimitives.Max(xr), yr);
            TensorPrimitives.Exp(yr, yr);
            TensorPrimitives.Divide(yr, TensorPrimitives.Sum(yr), yr);
        }
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

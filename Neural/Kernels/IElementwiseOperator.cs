using System.Numerics;

namespace MLExt.Neural.Kernels;

/// <summary>
/// An element-wise function of up to three inputs, written once for a whole vector and once for a
/// single value (the tail), in the style of <c>TensorPrimitives</c>' operators. Both forms must do the
/// same arithmetic so that a value's result does not depend on where it lies in the span.
/// </summary>
internal interface IElementwiseOperator
{
    /// <summary>The function on <see cref="Vector{T}.Count"/> values at once.</summary>
    Vector<float> Invoke(Vector<float> x, Vector<float> y, Vector<float> z);

    /// <summary>The function on one value.</summary>
    float Invoke(float x, float y, float z);
}

using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>Difference of two inputs of one shape: y = x₁ − x₂; dx₁ = dy, dx₂ = −dy.</summary>
public sealed class Subtract : ElementwiseMerge
{
    /// <inheritdoc/>
    public override int MaximumInputs => 2;

    /// <inheritdoc/>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        var y = Prepare(inputs);
        TensorPrimitives.Subtract(inputs[0].Span, inputs[1].Span, y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor> Backward(Tensor outputGradient)
    {
        // dx₁ = dy ;  dx₂ = −dy
        var negated = Tensor.Ensure(ref GradientBuffers[1], outputGradient.Shape);
        TensorPrimitives.Negate(outputGradient.Span, negated.Span);
        Gradients[0] = outputGradient;
        Gradients[1] = negated;
        return Gradients;
    }
}

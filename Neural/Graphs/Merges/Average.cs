using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>Mean of k inputs of one shape: y = (Σᵢ xᵢ) / k; dxᵢ = dy / k.</summary>
public sealed class Average : ElementwiseMerge
{
    /// <inheritdoc/>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        var y = Prepare(inputs);
        TensorPrimitives.Add(inputs[0].Span, inputs[1].Span, y.Span);
        for (int i = 2; i < inputs.Count; i++) TensorPrimitives.Add(y.Span, inputs[i].Span, y.Span);
        TensorPrimitives.Divide(y.Span, inputs.Count, y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor> Backward(Tensor outputGradient)
    {
        // dxᵢ = dy / k, one buffer for every input
        var dx = Tensor.Ensure(ref GradientBuffers[0], outputGradient.Shape);
        TensorPrimitives.Divide(outputGradient.Span, Gradients.Length, dx.Span);
        for (int i = 0; i < Gradients.Length; i++) Gradients[i] = dx;
        return Gradients;
    }
}

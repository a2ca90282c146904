using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>Sum of inputs of one shape: y = Σᵢ xᵢ; dxᵢ = dy.</summary>
public sealed class Add : ElementwiseMerge
{
    /// <inheritdoc/>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        var y = Prepare(inputs);
        TensorPrimitives.Add(inputs[0].Span, inputs[1].Span, y.Span);
        for (int i = 2; i < inputs.Count; i++) TensorPrimitives.Add(y.Span, inputs[i].Span, y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor> Backward(Tensor outputGradient)
    {
        // dxᵢ = dy: every input receives dL/dy itself (read only, as every gradient is).
        for (int i = 0; i < Gradients.Length; i++) Gradients[i] = outputGradient;
        return Gradients;
    }
}

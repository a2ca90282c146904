using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>Product of inputs of one shape, value by value: y = Πᵢ xᵢ; dxᵢ = dy ⊙ Π_{j≠i} xⱼ.</summary>
public sealed class Multiply : ElementwiseMerge
{
    private Tensor[] _inputs = [];

    /// <inheritdoc/>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        var y = Prepare(inputs);
        if (_inputs.Length != inputs.Count) _inputs = new Tensor[inputs.Count];
        for (int i = 0; i < inputs.Count; i++) _inputs[i] = inputs[i];
        TensorPrimitives.Multiply(inputs[0].Span, inputs[1].Span, y.Span);
        for (int i = 2; i < inputs.Count; i++) TensorPrimitives.Multiply(y.Span, inputs[i].Span, y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor> Backward(Tensor outputGradient)
    {
        for (int i = 0; i < _inputs.Length; i++)
        {
            // dxᵢ = dy ⊙ Π_{j≠i} xⱼ (the product is recomputed, not divided out, so zeros in xᵢ are exact)
            var dx = Tensor.Ensure(ref GradientBuffers[i], outputGradient.Shape);
            outputGradient.Span.CopyTo(dx.Span);
            for (int j = 0; j < _inputs.Length; j++)
                if (j != i) TensorPrimitives.Multiply(dx.Span, _inputs[j].Span, dx.Span);
            Gradients[i] = dx;
        }
        return Gradients;
    }
}

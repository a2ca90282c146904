namespace MLExt.Neural;

/// <summary>A merge of inputs of one shape, value by value (<see cref="Add"/>, <see cref="Subtract"/>,
/// <see cref="Multiply"/>, <see cref="Average"/>).</summary>
public abstract class ElementwiseMerge : Merge
{
    /// <summary>Output buffer, and one gradient buffer per input for merges whose input gradients differ from
    /// dL/dy.</summary>
    private protected Tensor? OutputBuffer;

    /// <summary>Gradient buffers by input.</summary>
    private protected Tensor?[] GradientBuffers = [];

    /// <summary>The returned input gradients (the array is reused).</summary>
    private protected Tensor[] Gradients = [];

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[][] inputShapes)
    {
        for (int i = 1; i < inputShapes.Length; i++)
            if (!Tensor.SameShape(inputShapes[i], inputShapes[0]))
                throw new ArgumentException(
                    $"{TypeName} needs inputs of one shape; input 1 is {Tensor.FormatShape(inputShapes[0])} but input " +
                        $"{i + 1} is {Tensor.FormatShape(inputShapes[i])}.");
        return inputShapes[0];
    }

    /// <summary>The output buffer shaped like the first input, and the gradient arrays sized for the inputs.</summary>
    private protected Tensor Prepare(IReadOnlyList<Tensor> inputs)
    {
        CheckInputs(inputs);
        if (Gradients.Length != inputs.Count)
        {
            Gradients = new Tensor[inputs.Count];
            GradientBuffers = new Tensor?[inputs.Count];
        }
        return Tensor.Ensure(ref OutputBuffer, inputs[0].Rows, OutputShape);
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new(TypeName);
}

namespace MLExt.Neural;

/// <summary>Reshapes each sample to a vector, y = vec(x) (row-major, so [c, h, w] goes to c·H·W + h·W + w); dx = reshape(dy).</summary>
public sealed class Flatten : Layer
{
    private Tensor? _output, _gradInput;

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape) => [Tensor.Product(inputShape)];

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random) => [Tensor.Product(inputShape)];

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape[0]);
        input.Span.CopyTo(y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        outputGradient.Span.CopyTo(dx.Span);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new(nameof(Flatten));

    internal static Flatten Create(LayerConfig config) => new();
}

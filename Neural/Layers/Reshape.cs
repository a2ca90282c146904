namespace MLExt.Neural;

/// <summary>
/// Gives each sample a new shape holding the same values in the same row-major order (a dense layer's output
/// [c·h·w] becomes an image [c, h, w], as in a DCGAN generator): y = reshape(x); dx = reshape(dy).
/// </summary>
public sealed class Reshape : Layer
{
    private readonly int[] _shape;
    private Tensor? _output, _gradInput;

    /// <summary>Creates an unbuilt reshape to the per-sample shape <paramref name="shape"/> (batch excluded).</summary>
    /// <exception cref="ArgumentException">The shape is empty or has a dimension that is not positive.</exception>
    public Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"Reshape needs a shape of positive dimensions, got {Tensor.FormatShape(shape)}.", nameof(shape));
        _shape = (int[])shape.Clone();
    }

    /// <summary>The per-sample output shape.</summary>
    public IReadOnlyList<int> TargetShape => _shape;

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape)
    {
        if (Tensor.Product(inputShape) != Tensor.Product(_shape))
            throw new ArgumentException($"Reshape to {Tensor.FormatShape(_shape)} needs {Tensor.Product(_shape)} values per sample, " +
                $"but its inputs {Tensor.FormatShape(inputShape)} have {Tensor.Product(inputShape)}.", nameof(inputShape));
        return (int[])_shape.Clone();
    }

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random) => OnComputeOutputShape(inputShape);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        // y = reshape(x): the same values, row-major
        CheckInput(input);
        var y = Tensor.Ensure(ref _output, input.Rows, _shape);
        input.Span.CopyTo(y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        // dx = reshape(dy)
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        outputGradient.Span.CopyTo(dx.Span);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(Reshape)).Set("shape", _shape);

    internal static Reshape Create(LayerConfig config) => new(config.GetInts("shape"));
}

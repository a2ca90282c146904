namespace MLExt.Neural;

/// <summary>
/// Gives each sample a new shape with the same number of values, y = reshape(x) (row-major order kept); one dimension
/// may be −1, inferred from the others; dx = reshape(dy). Imported ONNX <c>Reshape</c> and <c>GlobalAveragePool</c>
/// ([C] → [C, 1, 1]) use it.
/// </summary>
public sealed class Reshape : Layer
{
    private Tensor? _output, _gradInput;

    /// <summary>Creates an unbuilt reshape to <paramref name="targetShape"/> (batch excluded).</summary>
    /// <exception cref="ArgumentException">The shape is empty, has more than one −1, or a dimension below −1 or 0.</exception>
    public Reshape(params int[] targetShape)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Length == 0 || targetShape.Count(d => d == -1) > 1 || targetShape.Any(d => d == 0 || d < -1))
            throw new ArgumentException($"Reshape needs positive dimensions and at most one −1, got " +
                $"{Tensor.FormatShape(targetShape)}.", nameof(targetShape));
        TargetShape = (int[])targetShape.Clone();
    }

    /// <summary>The requested sample shape (−1 for the inferred dimension).</summary>
    public int[] TargetShape { get; }

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape)
    {
        int size = Tensor.Product(inputShape), known = TargetShape.Where(d => d > 0).Aggregate(1, (a, d) => a * d);
        var output = (int[])TargetShape.Clone();
        int inferred = Array.IndexOf(output, -1);
        if (inferred >= 0 && known > 0 && size % known == 0) output[inferred] = size / known;
        if (Tensor.Product(output) != size || output.Any(d => d <= 0))
            throw new ArgumentException($"Reshape to {Tensor.FormatShape(TargetShape)} does not fit inputs of shape " +
                $"{Tensor.FormatShape(inputShape)} ({size} values).", nameof(inputShape));
        return output;
    }

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random) => OnComputeOutputShape(inputShape);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
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
    public override LayerConfig GetConfig() => new LayerConfig(nameof(Reshape)).Set("targetShape", TargetShape);

    internal static Reshape Create(LayerConfig config) => new(config.GetInts("targetShape"));
}

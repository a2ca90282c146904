namespace MLExt.Neural;

/// <summary>
/// A contiguous part of each sample along one axis (batch excluded; negative counts from the end):
/// y = x[…, start : start + length, …]; dx is dy in that part and zero elsewhere. <see cref="GraphBuilder.Split"/>
/// cuts a node into equal parts with one slice each. Slicing the time axis (axis 0) of padded sequences slices
/// their padding mask too; on other axes the mask passes through.
/// </summary>
public sealed class Slice : Layer, ISequenceMaskConsumer, ISequenceMaskSource
{
    private Tensor? _output, _gradInput, _inputMask, _slicedMask;
    private int _outer, _inputBlock, _outputBlock, _offset;

    /// <summary>Creates an unbuilt slice of <paramref name="length"/> positions from <paramref name="start"/> along
    /// <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The start is negative or the length not positive.</exception>
    public Slice(int axis, int start, int length)
    {
        if (start < 0) throw new ArgumentOutOfRangeException(nameof(start), start, "Slice start must be ≥ 0.");
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), length, "Slice length must be positive.");
        Axis = axis;
        Start = start;
        Length = length;
    }

    /// <summary>The sliced axis of the sample shape; negative counts from the end.</summary>
    public int Axis { get; }

    /// <summary>The first position kept.</summary>
    public int Start { get; }

    /// <summary>The number of positions kept.</summary>
    public int Length { get; }

    /// <inheritdoc/>
    public Tensor? OutputMask { get; private set; }

    /// <inheritdoc/>
    public void SetInputMask(Tensor? mask) => _inputMask = mask;

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape)
    {
        int axis = Axis < 0 ? inputShape.Length + Axis : Axis;
        if (axis < 0 || axis >= inputShape.Length)
            throw new ArgumentException($"Slice axis {Axis} does not exist for inputs of shape " +
                $"{Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        if (Start + Length > inputShape[axis])
            throw new ArgumentException(
                $"Slice [{Start}, {Start + Length}) on axis {Axis} does not fit inputs of shape " +
                    $"{Tensor.FormatShape(inputShape)} ({inputShape[axis]} positions).", nameof(inputShape));
        var output = (int[])inputShape.Clone();
        output[axis] = Length;
        return output;
    }

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var output = OnComputeOutputShape(inputShape);
        int axis = Axis < 0 ? inputShape.Length + Axis : Axis;
        int inner = Tensor.Product(inputShape.AsSpan(axis + 1));
        _outer = Tensor.Product(inputShape.AsSpan(0, axis));
        _inputBlock = inputShape[axis] * inner;
        _outputBlock = Length * inner;
        _offset = Start * inner;
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        for (int r = 0; r < input.Rows * _outer; r++)
            input.Data.AsSpan(r * _inputBlock + _offset, _outputBlock).CopyTo(y.Data.AsSpan(r * _outputBlock, _outputBlock));
        OutputMask = _inputMask is { } mask && (Axis == 0 || Axis == -InputShape.Length) ? SliceMask(mask, input.Rows) : _inputMask;
        return y;
    }

    // mask[:, start : start + length] of a mask [n, time] over the sliced time axis
    private Tensor SliceMask(Tensor mask, int rows)
    {
        var sliced = Tensor.Ensure(ref _slicedMask, rows, Length);
        int time = InputShape[0];
        for (int b = 0; b < rows; b++) mask.Data.AsSpan(b * time + Start, Length).CopyTo(sliced.Data.AsSpan(b * Length, Length));
        return sliced;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        // dx = dy inside the slice, 0 outside
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        dx.Clear();
        for (int r = 0; r < outputGradient.Rows * _outer; r++)
            outputGradient.Data.AsSpan(r * _outputBlock, _outputBlock).CopyTo(dx.Data.AsSpan(r * _inputBlock + _offset, _outputBlock));
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(Slice)).Set("axis", Axis).Set("start", Start).Set("length", Length);

    internal static Slice Create(LayerConfig config) => new(config.GetInt("axis"), config.GetInt("start"), config.GetInt("length"));
}

namespace MLExt.Neural;

/// <summary>
/// The shared part of positional encodings: y[t] = x[t] + P[t] for sequences <c>[time, dim]</c> with a table P of
/// at least <c>time</c> rows (<c>time ≤ MaxLength</c>). Subclasses provide the table and, when it is learned, its gradient.
/// </summary>
public abstract class PositionalEncoding : Layer
{
    private Tensor? _output;

    /// <summary>Creates an unbuilt encoding for sequences of at most <paramref name="maxLength"/> steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is not positive.</exception>
    protected PositionalEncoding(int maxLength)
    {
        if (maxLength <= 0) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"{GetType().Name} needs a positive maxLength.");
        MaxLength = maxLength;
    }

    /// <summary>The longest sequence the encoding accepts.</summary>
    public int MaxLength { get; }

    /// <summary>The table P, <c>[rows ≥ time, dim]</c>; the first <c>time</c> rows are added.</summary>
    internal abstract Tensor Table { get; }

    /// <summary>Checks the sequence shape and creates the table for <paramref name="time"/> × <paramref name="dim"/>.</summary>
    protected abstract void BuildTable(int time, int dim, RandomSource random);

    /// <inheritdoc/>
    protected sealed override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length != 2)
            throw new ArgumentException($"{TypeName} expects sequences [time, dim] but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        if (inputShape[0] > MaxLength)
            throw new ArgumentException($"{TypeName} has maxLength {MaxLength} but the sequences have {inputShape[0]} steps ({Tensor.FormatShape(inputShape)}); raise maxLength or truncate the sequences.", nameof(inputShape));
        BuildTable(inputShape[0], inputShape[1], random);
        return inputShape;
    }

    /// <inheritdoc/>
    public sealed override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int size = InputShape[0] * InputShape[1];
        var table = Table.Span[..size];
        var y = Tensor.Ensure(ref _output, input.Shape);
        // y[b, t] = x[b, t] + P[t]
        for (int b = 0; b < input.Rows; b++) System.Numerics.Tensors.TensorPrimitives.Add(input.Row(b), table, y.Row(b));
        return y;
    }

    /// <inheritdoc/>
    public sealed override Tensor Backward(Tensor outputGradient)
    {
        // dx = dy ; the table's gradient (if learned) dP[t] += Σ_b dy[b, t]
        AccumulateTableGradient(outputGradient);
        return outputGradient;
    }

    /// <summary>Adds Σ_b dy[b, t] into the table's gradient when it is a parameter; nothing for a fixed table.</summary>
    protected abstract void AccumulateTableGradient(Tensor outputGradient);
}

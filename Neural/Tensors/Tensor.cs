namespace MLExt.Neural;

/// <summary>
/// A dense float32 tensor: contiguous, row-major, with a shape. The first dimension is the
/// batch wherever a tensor flows through a network. The backing array may be larger than
/// <see cref="Length"/> so that a buffer sized for a full batch can be reused for a smaller one.
/// </summary>
public sealed class Tensor
{
    private float[] _data;
    private int[] _shape;

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public Tensor(params int[] shape)
    {
        _shape = CheckShape(shape);
        Length = Product(_shape);
        _data = new float[Length];
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    /// <exception cref="ArgumentException">The shape's product differs from the data length.</exception>
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        _shape = CheckShape(shape);
        Length = Product(_shape);
        if (Length != data.Length)
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {Length} values but the data has {data.Length}.", nameof(data));
        _data = data;
    }

    /// <summary>The backing array; only the first <see cref="Length"/> values belong to the tensor.</summary>
    public float[] Data => _data;

    /// <summary>The dimensions, outermost first. Do not modify the returned array.</summary>
    public int[] Shape => _shape;

    /// <summary>Number of values: the product of the dimensions.</summary>
    public int Length { get; private set; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The first dimension (the batch size for activations).</summary>
    public int Rows => _shape.Length == 0 ? 1 : _shape[0];

    /// <summary>Values per row: <see cref="Length"/> / <see cref="Rows"/>.</summary>
    public int RowLength => Rows == 0 ? Product(_shape.AsSpan(1)) : Length / Rows;

    /// <summary>The tensor's values.</summary>
    public Span<float> Span => _data.AsSpan(0, Length);

    /// <summary>One row (one sample) of the tensor.</summary>
    public Span<float> Row(int index) => _data.AsSpan(index * RowLength, RowLength);

    /// <summary>Value at a flat index.</summary>
    public float this[int index]
    {
        get => _data[index];
        set => _data[index] = value;
    }

    /// <summary>
    /// Changes the shape in place, reusing the backing array when it is large enough (values are
    /// then kept, not cleared) and allocating a larger one otherwise.
    /// </summary>
    public void Resize(params int[] shape)
    {
        var checkedShape = CheckShape(shape);
        int length = Product(checkedShape);
        if (length > _data.Length) _data = new float[length];
        _shape = checkedShape;
        Length = length;
    }

    /// <summary>
    /// Returns <paramref name="buffer"/> resized to <paramref name="shape"/>, or a new tensor when it is null.
    /// The way layers keep one output buffer per shape and reuse it across batches.
    /// </summary>
    public static Tensor Ensure(ref Tensor? buffer, params int[] shape)
    {
        if (buffer is null) buffer = new Tensor(shape);
        else if (!SameShape(buffer._shape, shape)) buffer.Resize(shape);
        return buffer;
    }

    /// <summary>
    /// As <see cref="Ensure(ref Tensor?, int[])"/>, for dimensions written out (<c>Ensure(ref b, n, units)</c>):
    /// nothing is allocated when the buffer already has that shape.
    /// </summary>
    public static Tensor Ensure(ref Tensor? buffer, params ReadOnlySpan<int> shape)
    {
        if (buffer is null) buffer = new Tensor(shape.ToArray());
        else if (!SameShape(buffer._shape, shape)) buffer.Resize(shape.ToArray());
        return buffer;
    }

    /// <summary>
    /// Returns <paramref name="buffer"/> resized to the batch shape <c>[batch, ...perSample]</c>, or a new
    /// tensor when it is null; nothing is allocated when the buffer already has that shape.
    /// </summary>
    public static Tensor Ensure(ref Tensor? buffer, int batch, ReadOnlySpan<int> perSample)
    {
        if (buffer is not null && buffer._shape.Length == perSample.Length + 1 && buffer._shape[0] == batch && SameShape(buffer._shape.AsSpan(1), perSample))
            return buffer;
        return Ensure(ref buffer, BatchShape(batch, perSample));
    }

    /// <summary>
    /// Makes this tensor use <paramref name="owner"/>'s backing array, so both see and write the same values. A
    /// shared layer's later applications alias their parameters' values and gradients to the first application's.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    internal void ShareStorage(Tensor owner)
    {
        if (!SameShape(_shape, owner._shape))
            throw new ArgumentException($"Cannot share the storage of a tensor {owner.ShapeText} with one of shape {ShapeText}.", nameof(owner));
        _data = owner._data;
    }

    /// <summary>Sets every value to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>A deep copy with a right-sized backing array.</summary>
    public Tensor Clone() => new(Span.ToArray(), (int[])_shape.Clone());

    /// <summary>Copies this tensor's values into <paramref name="destination"/>, which must have the same length.</summary>
    public void CopyTo(Tensor destination)
    {
        if (destination.Length != Length)
            throw new ArgumentException($"Cannot copy {Length} values into a tensor of {destination.Length}.", nameof(destination));
        Span.CopyTo(destination.Span);
    }

    /// <summary>The shape as text, such as <c>[64, 784]</c>.</summary>
    public string ShapeText => FormatShape(_shape);

    /// <inheritdoc/>
    public override string ToString() => $"Tensor{ShapeText}";

    /// <summary>Formats a shape as <c>[a, b, c]</c> for messages.</summary>
    public static string FormatShape(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>The batch shape <c>[batch, ...perSample]</c>.</summary>
    public static int[] BatchShape(int batch, ReadOnlySpan<int> perSample)
    {
        var shape = new int[perSample.Length + 1];
        shape[0] = batch;
        perSample.CopyTo(shape.AsSpan(1));
        return shape;
    }

    /// <summary>Whether two shapes are equal.</summary>
    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>The product of the dimensions (1 for a scalar shape).</summary>
    public static int Product(ReadOnlySpan<int> shape)
    {
        long product = 1;
        foreach (int d in shape) product = Math.Min(product * d, Array.MaxLength + 1L); // capped so it cannot wrap around
        if (product > Array.MaxLength) throw new ArgumentException($"Shape {FormatShape(shape)} holds more values than an array can.");
        return (int)product;
    }

    private static int[] CheckShape(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (int d in shape)
            if (d < 0) throw new ArgumentException($"Shape {FormatShape(shape)} has a negative dimension.", nameof(shape));
        return (int[])shape.Clone();
    }
}

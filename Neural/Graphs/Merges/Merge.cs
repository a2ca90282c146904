namespace MLExt.Neural;

/// <summary>
/// A node of a <see cref="ModelGraph"/> that combines several inputs into one output (<see cref="Add"/>,
/// <see cref="Subtract"/>, <see cref="Multiply"/>, <see cref="Average"/>, <see cref="Concatenate"/>). Merges have no
/// parameters. Like layers, they are built once from the per-sample shapes of their inputs (batch excluded), keep
/// what the derivative needs in <see cref="Forward"/>, and reuse their buffers: returned tensors stay valid only
/// until the next call. One instance is one node: the graph builder creates a new merge for every node.
/// </summary>
public abstract class Merge
{
    private int[][]? _inputShapes;
    private int[]? _outputShape;

    /// <summary>The merge type name used in configurations and messages.</summary>
    public virtual string TypeName => GetType().Name;

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt => _outputShape is not null;

    /// <summary>The per-sample input shapes; set by <see cref="Build"/>.</summary>
    public IReadOnlyList<int[]> InputShapes => _inputShapes ?? throw NotBuilt();

    /// <summary>The per-sample output shape; set by <see cref="Build"/>.</summary>
    public int[] OutputShape => _outputShape ?? throw NotBuilt();

    /// <summary>Fewest inputs the merge takes (two for all built-in merges).</summary>
    public virtual int MinimumInputs => 2;

    /// <summary>Most inputs the merge takes (<see cref="int.MaxValue"/> unless the merge says otherwise).</summary>
    public virtual int MaximumInputs => int.MaxValue;

    /// <summary>The output shape for inputs of these per-sample shapes, without building.</summary>
    /// <exception cref="ArgumentException">The merge cannot combine inputs of these shapes; the message says what it
    /// expects.</exception>
    public int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count < MinimumInputs || inputShapes.Count > MaximumInputs)
            throw new ArgumentException(MaximumInputs == MinimumInputs
                ? $"{TypeName} takes exactly {MinimumInputs} inputs, got {inputShapes.Count}."
                : $"{TypeName} takes at least {MinimumInputs} inputs, got {inputShapes.Count}.", nameof(inputShapes));
        return OnComputeOutputShape(inputShapes.Select(s => (int[])s.Clone()).ToArray());
    }

    /// <summary>Checks the input shapes and sizes the merge; returns the output shape.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit; see <see cref="ComputeOutputShape"/>.</exception>
    /// <exception cref="InvalidOperationException">The merge was already built (it belongs to another node).</exception>
    public int[] Build(IReadOnlyList<int[]> inputShapes)
    {
        if (IsBuilt) throw new InvalidOperationException($"This {TypeName} merge is already built; every graph node needs " +
            $"its own merge instance.");
        var output = ComputeOutputShape(inputShapes);
        _inputShapes = inputShapes.Select(s => (int[])s.Clone()).ToArray();
        _outputShape = output;
        return (int[])output.Clone();
    }

    /// <summary>The output shape for these input shapes, or an <see cref="ArgumentException"/> saying what is
    /// expected.</summary>
    protected abstract int[] OnComputeOutputShape(int[][] inputShapes);

    /// <summary>Combines a batch of each input (<c>[n, ...InputShapes[i]]</c>) into <c>[n, ...OutputShape]</c>.</summary>
    public abstract Tensor Forward(IReadOnlyList<Tensor> inputs);

    /// <summary>Given dL/dy for the last <see cref="Forward"/>, returns dL/dxᵢ for every input, in order.</summary>
    public abstract IReadOnlyList<Tensor> Backward(Tensor outputGradient);

    /// <summary>
    /// The padding mask <c>[n, time]</c> of the output given the inputs' masks (null where an input has none) for the
    /// latest <see cref="Forward"/>: the first input's mask that exists, unless the merge changes the time axis.
    /// </summary>
    public virtual Tensor? CombineMasks(IReadOnlyList<Tensor?> inputMasks)
    {
        for (int i = 0; i < inputMasks.Count; i++) if (inputMasks[i] is { } mask) return mask;
        return null;
    }

    /// <summary>The merge's type and settings, as for layers.</summary>
    public abstract LayerConfig GetConfig();

    /// <inheritdoc/>
    public override string ToString() => GetConfig().ToString();

    /// <summary>Throws unless every input has the built shape and all share one batch size.</summary>
    protected void CheckInputs(IReadOnlyList<Tensor> inputs)
    {
        var shapes = InputShapes;
        if (inputs.Count != shapes.Count)
            throw new ArgumentException($"{TypeName} was built for {shapes.Count} inputs but got {inputs.Count}.", nameof(inputs));
        for (int i = 0; i < inputs.Count; i++)
            if (inputs[i].Rank != shapes[i].Length + 1 || inputs[i].Rows != inputs[0].Rows || !Tensor.SameShape(inputs[i].Shape.AsSpan(1), shapes[i]))
                throw new ArgumentException(
                    $"{TypeName} input {i + 1} must be [{inputs[0].Rows}, {string.Join(", ", shapes[i])}] but is " +
                        $"{inputs[i].ShapeText}.", nameof(inputs));
    }

    private InvalidOperationException NotBuilt() => new($"The {TypeName} merge has not been built.");
}

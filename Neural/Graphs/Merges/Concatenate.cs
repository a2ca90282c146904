namespace MLExt.Neural;

/// <summary>
/// Joins inputs along one axis of the sample (batch excluded; negative counts from the end, so −1 is the last):
/// the inputs agree on every other dimension. y = [x₁ | x₂ | …] along the axis; dxᵢ = dy's part of xᵢ.
/// </summary>
public sealed class Concatenate : Merge
{
    private Tensor? _output, _mask;
    private Tensor?[] _gradientBuffers = [];
    private Tensor[] _gradients = [];
    private int[] _blocks = [];
    private int _outer, _outputBlock;

    /// <summary>Creates a concatenation along <paramref name="axis"/> of the sample shape (−1: the last).</summary>
    public Concatenate(int axis = -1) => Axis = axis;

    /// <summary>The axis of the sample shape (batch excluded); negative counts from the end.</summary>
    public int Axis { get; }

    /// <summary>The axis as a non-negative index into the built sample shape.</summary>
    public int ResolvedAxis => Axis < 0 ? OutputShape.Length + Axis : Axis;

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[][] inputShapes)
    {
        int rank = inputShapes[0].Length;
        int axis = Axis < 0 ? rank + Axis : Axis;
        if (axis < 0 || axis >= rank)
            throw new ArgumentException($"Concatenate axis {Axis} does not exist for inputs of shape " +
                $"{Tensor.FormatShape(inputShapes[0])} (sample axes, batch excluded).");
        var output = (int[])inputShapes[0].Clone();
        for (int i = 1; i < inputShapes.Length; i++)
        {
            var shape = inputShapes[i];
            bool fits = shape.Length == rank;
            for (int d = 0; fits && d < rank; d++) fits = d == axis || shape[d] == output[d];
            if (!fits)
                throw new ArgumentException(
                    $"Concatenate on axis {Axis} needs inputs equal in every other dimension; input 1 is " +
                        $"{Tensor.FormatShape(inputShapes[0])} but input {i + 1} is {Tensor.FormatShape(shape)}.");
            output[axis] += shape[axis];
        }
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        CheckInputs(inputs);
        Prepare(inputs.Count);
        int n = inputs[0].Rows;
        var y = Tensor.Ensure(ref _output, n, OutputShape);
        // y[r, offsetᵢ .. offsetᵢ + blockᵢ) = xᵢ[r] for every outer row r
        for (int r = 0; r < n * _outer; r++)
        {
            int offset = r * _outputBlock;
            for (int i = 0; i < inputs.Count; i++)
            {
                inputs[i].Data.AsSpan(r * _blocks[i], _blocks[i]).CopyTo(y.Data.AsSpan(offset, _blocks[i]));
                offset += _blocks[i];
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor> Backward(Tensor outputGradient)
    {
        int n = outputGradient.Rows;
        for (int i = 0; i < _gradients.Length; i++) _gradients[i] = Tensor.Ensure(ref _gradientBuffers[i], n, InputShapes[i]);
        // dxᵢ = the slice of dy that xᵢ filled
        for (int r = 0; r < n * _outer; r++)
        {
            int offset = r * _outputBlock;
            for (int i = 0; i < _gradients.Length; i++)
            {
                outputGradient.Data.AsSpan(offset, _blocks[i]).CopyTo(_gradients[i].Data.AsSpan(r * _blocks[i], _blocks[i]));
                offset += _blocks[i];
            }
        }
        return _gradients;
    }

    // Sizes the copy blocks once (no lambda here: a captured local would allocate on every call).
    private void Prepare(int count)
    {
        if (_blocks.Length == count) return;
        int axis = ResolvedAxis;
        _outer = Tensor.Product(OutputShape.AsSpan(0, axis));
        _outputBlock = Tensor.Product(OutputShape.AsSpan(axis));
        _blocks = new int[count];
        for (int i = 0; i < count; i++) _blocks[i] = Tensor.Product(InputShapes[i].AsSpan(axis));
        _gradients = new Tensor[count];
        _gradientBuffers = new Tensor?[count];
    }

    /// <summary>Along the time axis (0) the masks are joined too, an input without one counting as all real steps.</summary>
    public override Tensor? CombineMasks(IReadOnlyList<Tensor?> inputMasks)
    {
        if (ResolvedAxis != 0) return base.CombineMasks(inputMasks);
        int rows = -1;
        for (int i = 0; i < inputMasks.Count; i++) if (inputMasks[i] is { } m) rows = m.Rows;
        if (rows < 0) return null;
        int time = OutputShape[0];
        var joined = Tensor.Ensure(ref _mask, rows, time);
        for (int b = 0; b < rows; b++)
        {
            int offset = b * time;
            for (int i = 0; i < inputMasks.Count; i++)
            {
                int steps = InputShapes[i][0];
                var part = joined.Data.AsSpan(offset, steps);
                if (inputMasks[i] is { } mask) mask.Data.AsSpan(b * steps, steps).CopyTo(part);
                else part.Fill(1f);
                offset += steps;
            }
        }
        return joined;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(Concatenate)).Set("axis", Axis);
}

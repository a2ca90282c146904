namespace MLExt.Neural;

/// <summary>
/// Element-wise arithmetic with a fixed tensor c broadcast over each sample (right-aligned, as NumPy and ONNX
/// broadcast): y = x ∘ c with ∘ one of <see cref="ConstantOperator"/>. The constant is a state, not a trained
/// parameter (an imported ONNX graph's <c>Add</c>/<c>Sub</c>/<c>Mul</c>/<c>Div</c> with an initialiser, a mean image
/// to subtract). dx = dy for + and −, −dy for c − x, dy·c for ·, dy / c for /.
/// </summary>
public sealed class ConstantOperation : Layer
{
    private readonly float[] _values;
    private Parameter? _constant;
    private int[] _index = [];
    private Tensor? _output, _gradInput;

    /// <summary>Creates an unbuilt operation with the constant <paramref name="values"/> of shape
    /// <paramref name="constantShape"/> (rank at most the sample's; dimensions 1 broadcast).</summary>
    /// <exception cref="ArgumentException">The values do not fill the shape.</exception>
    public ConstantOperation(ConstantOperator op, int[] constantShape, float[] values)
    {
        ArgumentNullException.ThrowIfNull(constantShape);
        ArgumentNullException.ThrowIfNull(values);
        if (constantShape.Any(d => d <= 0) || Tensor.Product(constantShape) != values.Length)
            throw new ArgumentException($"A constant of shape {Tensor.FormatShape(constantShape)} needs " +
                $"{Tensor.Product(constantShape)} values, got {values.Length}.", nameof(values));
        Operator = op;
        ConstantShape = (int[])constantShape.Clone();
        _values = (float[])values.Clone();
    }

    /// <summary>The arithmetic applied.</summary>
    public ConstantOperator Operator { get; }

    /// <summary>The constant's shape (right-aligned against the sample shape).</summary>
    public int[] ConstantShape { get; }

    /// <summary>The constant c (a state: saved with the weights, never trained).</summary>
    public Parameter Constant => _constant ?? throw new InvalidOperationException("ConstantOperation is not built.");

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> States => _constant is null ? [] : [_constant];

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape)
    {
        int offset = inputShape.Length - ConstantShape.Length;
        bool fits = offset >= 0;
        for (int i = 0; fits && i < ConstantShape.Length; i++)
            fits = ConstantShape[i] == 1 || ConstantShape[i] == inputShape[offset + i];
        if (!fits)
            throw new ArgumentException($"A constant of shape {Tensor.FormatShape(ConstantShape)} does not broadcast " +
                $"over inputs of shape {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        return (int[])inputShape.Clone();
    }

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var output = OnComputeOutputShape(inputShape);
        _constant = new Parameter("constant", ConstantShape, isWeight: false);
        _values.CopyTo(_constant.Value.Data, 0);
        // Index of c for every position of a sample: strides of c, zero along broadcast dimensions.
        int offset = inputShape.Length - ConstantShape.Length, size = Tensor.Product(inputShape);
        _index = new int[size];
        for (int p = 0; p < size; p++)
        {
            int rest = p, at = 0, stride = 1;
            for (int d = inputShape.Length - 1; d >= 0; d--)
            {
                int coordinate = rest % inputShape[d];
                rest /= inputShape[d];
                if (d < offset) continue;
                int k = d - offset;
                if (ConstantShape[k] != 1) at += coordinate * stride;
                stride *= ConstantShape[k];
            }
            _index[p] = at;
        }
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        var c = Constant.Value.Data;
        int size = _index.Length;
        for (int r = 0; r < input.Rows; r++)
        {
            var x = input.Data.AsSpan(r * size, size);
            var o = y.Data.AsSpan(r * size, size);
            for (int i = 0; i < size; i++) o[i] = Apply(x[i], c[_index[i]]);
        }
        return y;
    }

    private float Apply(float x, float c) => Operator switch
    {
        ConstantOperator.Add => x + c,
        ConstantOperator.Subtract => x - c,
        ConstantOperator.SubtractFrom => c - x,
        ConstantOperator.Multiply => x * c,
        _ => x / c,
    };

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        var c = Constant.Value.Data;
        int size = _index.Length;
        for (int r = 0; r < outputGradient.Rows; r++)
        {
            var dy = outputGradient.Data.AsSpan(r * size, size);
            var g = dx.Data.AsSpan(r * size, size);
            for (int i = 0; i < size; i++)
                g[i] = Operator switch
                {
                    ConstantOperator.Add or ConstantOperator.Subtract => dy[i], // ∂(x ± c)/∂x = 1
                    ConstantOperator.SubtractFrom => -dy[i],                     // ∂(c − x)/∂x = −1
                    ConstantOperator.Multiply => dy[i] * c[_index[i]],           // ∂(x·c)/∂x = c
                    _ => dy[i] / c[_index[i]],                                   // ∂(x/c)/∂x = 1/c
                };
        }
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(ConstantOperation)).Set("operator", Operator)
        .Set("constantShape", ConstantShape).Set("values", string.Join(",", (_constant?.Value.Data ?? _values).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));

    internal static ConstantOperation Create(LayerConfig config) => new(
        Enum.Parse<ConstantOperator>(config.GetString("operator")), config.GetInts("constantShape"),
        config.GetString("values").Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
}

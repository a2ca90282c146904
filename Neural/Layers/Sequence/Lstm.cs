using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// Long short-term memory (Hochreiter &amp; Schmidhuber, 1997; ONNX LSTM without peepholes), gates in ONNX's order
/// i, o, f, c: [i, o, f, g] = [σ, σ, σ, tanh](x_t·W + h_{t−1}·U + b); c_t = f ⊙ c_{t−1} + i ⊙ g; h_t = o ⊙ tanh(c_t);
/// h_0 = c_0 = 0. The forget gate's bias starts at 1 (Jozefowicz et al., 2015). Input <c>[time, features]</c>;
/// output <c>[time, units]</c> or <c>[units]</c>; masking (both states carried through padding) as in <see cref="RecurrentLayer"/>.
/// </summary>
public sealed class Lstm : RecurrentLayer
{
    private Tensor? _cells, _cellTanh, _dc;

    /// <summary>Creates an unbuilt LSTM layer.</summary>
    /// <param name="units">Size of the hidden and cell states.</param>
    /// <param name="returnSequences">Output every step's hidden state instead of the last one.</param>
    /// <param name="kernelInitializer">W's initialiser (Glorot uniform by default).</param>
    /// <param name="recurrentInitializer">Each gate's block of U (orthogonal by default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    public Lstm(int units, bool returnSequences = false, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null)
        : base(units, returnSequences, kernelInitializer, recurrentInitializer)
    {
    }

    /// <inheritdoc/>
    public override int Gates => 4;

    /// <inheritdoc/>
    protected override void InitializeBias(Span<float> bias)
    {
        bias.Clear();
        bias.Slice(2 * Units, Units).Fill(1f); // forget gate
    }

    /// <inheritdoc/>
    protected override void BeginSequence()
    {
        var cells = Tensor.Ensure(ref _cells, Steps + 1, Batch, Units);
        AtStep(cells, 0, Units).Clear();
        Tensor.Ensure(ref _cellTanh, Steps, Batch, Units);
    }

    /// <inheritdoc/>
    protected override void ForwardStep(int step)
    {
        int h = Units, width = 4 * h;
        var gates = AtStep(GateValues, step, width);
        // [i, o, f, g] = [σ, σ, σ, tanh](z_t + h_{t−1}·U), kept in Z for the backward pass
        TensorPrimitives.Add(gates, RecurrentProduct, gates);
        var previousCell = AtStep(_cells!, step, h);
        var cell = AtStep(_cells!, step + 1, h);
        var cellTanh = AtStep(_cellTanh!, step, h);
        var state = AtStep(HiddenStates, step + 1, h);
        for (int b = 0; b < Batch; b++)
        {
            var row = gates.Slice(b * width, width);
            TensorPrimitives.Sigmoid(row[..(3 * h)], row[..(3 * h)]);
            TensorPrimitives.Tanh(row[(3 * h)..], row[(3 * h)..]);
            Span<float> i = row[..h], o = row.Slice(h, h), f = row.Slice(2 * h, h), g = row[(3 * h)..];
            Span<float> c0 = previousCell.Slice(b * h, h), c = cell.Slice(b * h, h), tc = cellTanh.Slice(b * h, h), y = state.Slice(b * h, h);
            // c_t = f ⊙ c_{t−1} + i ⊙ g ; h_t = o ⊙ tanh(c_t)
            TensorPrimitives.Multiply(f, c0, c);
            TensorPrimitives.FusedMultiplyAdd(i, g, c, c);
            TensorPrimitives.Tanh(c, tc);
            TensorPrimitives.Multiply(o, tc, y);
        }
        CarryPadded(step, previousCell, cell, h);
        CarryPadded(step, AtStep(HiddenStates, step, h), state, h);
    }

    /// <inheritdoc/>
    protected override void BackwardStep(int step, Span<float> dh, Span<float> inputGradient, Span<float> recurrentGradient, Span<float> previous)
    {
        int h = Units, width = 4 * h;
        var dcAll = Tensor.Ensure(ref _dc, Batch, h);
        if (step == Steps - 1) dcAll.Clear();
        var gates = AtStep(GateValues, step, width);
        var previousCell = AtStep(_cells!, step, h);
        var cellTanh = AtStep(_cellTanh!, step, h);
        previous.Clear();
        for (int b = 0; b < Batch; b++)
        {
            var da = recurrentGradient.Slice(b * width, width);
            if (!IsReal(b, step))
            {
                // padding: both states pass through unchanged
                da.Clear();
                dh.Slice(b * h, h).CopyTo(previous.Slice(b * h, h));
                continue;
            }
            var row = gates.Slice(b * width, width);
            var dc = dcAll.Span.Slice(b * h, h);
            var d = dh.Slice(b * h, h);
            var tc = cellTanh.Slice(b * h, h);
            var c0 = previousCell.Slice(b * h, h);
            for (int k = 0; k < h; k++)
            {
                float i = row[k], o = row[h + k], f = row[2 * h + k], g = row[3 * h + k], t = tc[k];
                // do = dh ⊙ tanh c ; dc += dh ⊙ o ⊙ (1 − tanh² c) ; di = dc ⊙ g ; df = dc ⊙ c_{t−1} ; dg = dc ⊙ i ; dc_{t−1} = dc ⊙ f
                float dcTotal = dc[k] + d[k] * o * (1f - t * t);
                da[k] = dcTotal * g * i * (1f - i);
                da[h + k] = d[k] * t * o * (1f - o);
                da[2 * h + k] = dcTotal * c0[k] * f * (1f - f);
                da[3 * h + k] = dcTotal * i * (1f - g * g);
                dc[k] = dcTotal * f;
            }
        }
        recurrentGradient.CopyTo(inputGradient);
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => BaseConfig();

    internal static Lstm Create(LayerConfig config) => new(
        config.GetInt("units"), config.GetBool("returnSequences"),
        Initializer.Parse(config.GetString("kernelInitializer")), Initializer.Parse(config.GetString("recurrentInitializer")));
}

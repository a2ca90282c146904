using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// Gated recurrent unit (Cho et al., 2014) with the reset gate applied after the recurrent product, as in Keras
/// (reset_after) and PyTorch, which is ONNX GRU with linear_before_reset = 1. Gates in ONNX's order z, r, h:
/// with x-part z_x = x_t·W + b and recurrent part r_h = h_{t−1}·U + b_r,
/// z = σ(z_x,z + r_h,z); r = σ(z_x,r + r_h,r); n = tanh(z_x,n + r ⊙ r_h,n); h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}; h_0 = 0.
/// Input <c>[time, features]</c>; output <c>[time, units]</c> or <c>[units]</c>; masking as in <see cref="RecurrentLayer"/>.
/// </summary>
public sealed class Gru : RecurrentLayer
{
    private Parameter? _recurrentBias;
    private Tensor? _candidateRecurrent;

    /// <summary>Creates an unbuilt GRU layer.</summary>
    /// <param name="units">Size of the state.</param>
    /// <param name="returnSequences">Output every step's state instead of the last one.</param>
    /// <param name="kernelInitializer">W's initialiser (Glorot uniform by default).</param>
    /// <param name="recurrentInitializer">Each gate's block of U (orthogonal by default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    public Gru(int units, bool returnSequences = false, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null)
        : base(units, returnSequences, kernelInitializer, recurrentInitializer)
    {
    }

    /// <inheritdoc/>
    public override int Gates => 3;

    /// <summary>The recurrent bias b_r <c>[3·units]</c>, added to h_{t−1}·U (zeros initially).</summary>
    public Parameter RecurrentBias => _recurrentBias ?? throw new InvalidOperationException("Gru is not built.");

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> ExtraParameters()
    {
        _recurrentBias = new Parameter("recurrentBias", [3 * Units], isWeight: false);
        return [_recurrentBias];
    }

    /// <inheritdoc/>
    protected override bool SeparateRecurrentGradients => true;

    /// <inheritdoc/>
    protected override void BeginSequence() => Tensor.Ensure(ref _candidateRecurrent, Steps, Batch, Units);

    /// <inheritdoc/>
    protected override void ForwardStep(int step)
    {
        int h = Units, width = 3 * h;
        var gates = AtStep(GateValues, step, width);
        var recurrent = RecurrentProduct;
        var candidate = AtStep(_candidateRecurrent!, step, h);
        var previousState = AtStep(HiddenStates, step, h);
        var state = AtStep(HiddenStates, step + 1, h);
        for (int b = 0; b < Batch; b++)
        {
            var row = gates.Slice(b * width, width);
            var rh = recurrent.Slice(b * width, width);
            // r_h = h_{t−1}·U + b_r ; [z, r] = σ(z_x + r_h) ; n = tanh(z_x,n + r ⊙ r_h,n), kept in Z
            TensorPrimitives.Add(rh, RecurrentBias.Value.Span, rh);
            TensorPrimitives.Add(row[..(2 * h)], rh[..(2 * h)], row[..(2 * h)]);
            TensorPrimitives.Sigmoid(row[..(2 * h)], row[..(2 * h)]);
            Span<float> z = row[..h], r = row.Slice(h, h), n = row[(2 * h)..];
            rh[(2 * h)..].CopyTo(candidate.Slice(b * h, h));
            TensorPrimitives.FusedMultiplyAdd(r, rh[(2 * h)..], n, n);
            TensorPrimitives.Tanh(n, n);
            // h_t = n + z ⊙ (h_{t−1} − n)
            var y = state.Slice(b * h, h);
            TensorPrimitives.Subtract(previousState.Slice(b * h, h), n, y);
            TensorPrimitives.FusedMultiplyAdd(z, y, n, y);
        }
        CarryPadded(step, previousState, state, h);
    }

    /// <inheritdoc/>
    protected override void BackwardStep(int step, Span<float> dh, Span<float> inputGradient, Span<float> recurrentGradient, Span<float> previous)
    {
        int h = Units, width = 3 * h;
        var gates = AtStep(GateValues, step, width);
        var candidate = AtStep(_candidateRecurrent!, step, h);
        var previousState = AtStep(HiddenStates, step, h);
        for (int b = 0; b < Batch; b++)
        {
            var dx = inputGradient.Slice(b * width, width);
            var dr = recurrentGradient.Slice(b * width, width);
            var d = dh.Slice(b * h, h);
            var back = previous.Slice(b * h, h);
            if (!IsReal(b, step))
            {
                // padding: the state passes through unchanged
                dx.Clear();
                dr.Clear();
                d.CopyTo(back);
                continue;
            }
            var row = gates.Slice(b * width, width);
            var rn = candidate.Slice(b * h, h);
            var h0 = previousState.Slice(b * h, h);
            for (int k = 0; k < h; k++)
            {
                float z = row[k], r = row[h + k], n = row[2 * h + k];
                // dn = dh ⊙ (1 − z) ; dz = dh ⊙ (h_{t−1} − n) ; dh_{t−1} ∋ dh ⊙ z
                float daN = d[k] * (1f - z) * (1f - n * n);
                float daZ = d[k] * (h0[k] - n) * z * (1f - z);
                // dr = da_n ⊙ r_h,n
                float daR = daN * rn[k] * r * (1f - r);
                dx[k] = dr[k] = daZ;
                dx[h + k] = dr[h + k] = daR;
                dx[2 * h + k] = daN;
                dr[2 * h + k] = daN * r;
                back[k] = d[k] * z;
            }
        }
    }

    /// <inheritdoc/>
    protected override void AccumulateExtraGradients(Tensor recurrentGradients)
    {
        // db_r += Σ dL/d(r_h)
        int width = 3 * Units;
        for (int row = 0; row < recurrentGradients.Length / width; row++)
            TensorPrimitives.Add(RecurrentBias.Gradient.Span, recurrentGradients.Span.Slice(row * width, width), RecurrentBias.Gradient.Span);
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => BaseConfig();

    internal static Gru Create(LayerConfig config) => new(
        config.GetInt("units"), config.GetBool("returnSequences"),
        Initializer.Parse(config.GetString("kernelInitializer")), Initializer.Parse(config.GetString("recurrentInitializer")));
}

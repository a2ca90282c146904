using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// What <see cref="SimpleRnn"/>, <see cref="Lstm"/> and <see cref="Gru"/> share, over sequences <c>[time, features]</c>:
/// the input projection of every step at once, Z = X·W + b (one GEMM, <c>[time·batch, in]·[in, gates·units]</c>),
/// one recurrent GEMM h_{t−1}·U per step, masking, backpropagation through time, and the parameter gradients
/// as whole-sequence GEMMs: dW += Xᵀ·dZ, dU += H_{t−1}ᵀ·dR, db += Σ dZ, dX = dZ·Wᵀ.
/// Output: every step's state <c>[time, units]</c> (<see cref="ReturnSequences"/>) or the last state <c>[units]</c>.
/// Masking (a padding mask from an <see cref="Embedding"/> with a padding index): a padded step carries the state
/// unchanged and outputs zeros, so the last state is that of the last real step; sequences must be right-padded
/// (real steps first), which is what ONNX's sequence_lens assumes too. Gates are in ONNX's order.
/// </summary>
public abstract class RecurrentLayer : Layer, ISequenceMaskConsumer, ISequenceMaskSource
{
    private Parameter? _kernel, _recurrentKernel, _bias;
    private Parameter[] _parameters = [];
    private Tensor? _mask, _timeMajor, _gates, _states, _gateGradients, _recurrentGradients, _output, _gradTimeMajor, _gradInput;
    private Tensor? _hidden, _recurrent, _stepGradient, _dh, _dhPrevious;
    private int[] _lengths = [];

    /// <summary>Sets the settings every recurrent layer has.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    protected RecurrentLayer(int units, bool returnSequences, Initializer? kernelInitializer, Initializer? recurrentInitializer)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "A recurrent layer needs at least one unit.");
        Units = units;
        ReturnSequences = returnSequences;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        RecurrentInitializer = recurrentInitializer ?? new Orthogonal();
    }

    /// <summary>Size of the state h.</summary>
    public int Units { get; }

    /// <summary>True: output every step's state <c>[time, units]</c> (zeros at padded steps); false: the last state <c>[units]</c>.</summary>
    public bool ReturnSequences { get; }

    /// <summary>How the input kernel W is initialised (Glorot uniform by default).</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>How each gate's block of the recurrent kernel U is initialised (orthogonal by default).</summary>
    public Initializer RecurrentInitializer { get; }

    /// <summary>Number of gates: the kernels hold gates·units columns.</summary>
    public abstract int Gates { get; }

    /// <summary>The input kernel W <c>[features, gates·units]</c>.</summary>
    public Parameter Kernel => _kernel ?? throw NotBuilt();

    /// <summary>The recurrent kernel U <c>[units, gates·units]</c>.</summary>
    public Parameter RecurrentKernel => _recurrentKernel ?? throw NotBuilt();

    /// <summary>The input bias b <c>[gates·units]</c>.</summary>
    public Parameter Bias => _bias ?? throw NotBuilt();

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public void SetInputMask(Tensor? mask) => _mask = mask;

    /// <summary>The input mask while the time axis is kept; null once the last state is returned.</summary>
    public Tensor? OutputMask => ReturnSequences ? _mask : null;

    /// <summary>Batch size of the latest Forward.</summary>
    protected int Batch { get; private set; }

    /// <summary>Steps per sequence.</summary>
    protected int Steps => InputShape[0];

    /// <summary>Gate pre-activations Z <c>[time, batch, gates·units]</c>; cells may overwrite a step with what Backward needs.</summary>
    protected Tensor GateValues => _gates!;

    /// <summary>States H <c>[time + 1, batch, units]</c>: H[0] = 0, H[t + 1] the state after step t.</summary>
    protected Tensor HiddenStates => _states!;

    /// <summary>The recurrent product h_{t−1}·U <c>[batch, gates·units]</c> of the current step.</summary>
    protected Span<float> RecurrentProduct => _recurrent!.Span;

    /// <summary>Whether step <paramref name="step"/> of sequence <paramref name="row"/> is real (not padding).</summary>
    protected bool IsReal(int row, int step) => step < _lengths[row];

    /// <summary>The <c>[batch, width]</c> block of a time-major tensor for one step.</summary>
    protected Span<float> AtStep(Tensor timeMajor, int step, int width) => timeMajor.Span.Slice(step * Batch * width, Batch * width);

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length != 2)
            throw new ArgumentException($"{TypeName} expects sequences [time, features] but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        int features = inputShape[1], width = Gates * Units;
        _kernel = new Parameter("kernel", [features, width], isWeight: true);
        KernelInitializer.Fill(_kernel.Value.Span, features, width, random);
        _recurrentKernel = new Parameter("recurrentKernel", [Units, width], isWeight: true);
        var block = new float[Units * Units];
        for (int gate = 0; gate < Gates; gate++)
        {
            RecurrentInitializer.Fill(block, Units, Units, random);
            for (int r = 0; r < Units; r++) block.AsSpan(r * Units, Units).CopyTo(_recurrentKernel.Value.Span.Slice(r * width + gate * Units, Units));
        }
        _bias = new Parameter("bias", [width], isWeight: false);
        InitializeBias(_bias.Value.Span);
        _parameters = [_kernel, _recurrentKernel, _bias, .. ExtraParameters()];
        return ReturnSequences ? [inputShape[0], Units] : [Units];
    }

    /// <summary>Sets the initial input bias (zeros unless overridden).</summary>
    protected virtual void InitializeBias(Span<float> bias) => bias.Clear();

    /// <summary>Parameters beyond W, U and b, created during Build (GRU's recurrent bias).</summary>
    protected virtual IEnumerable<Parameter> ExtraParameters() => [];

    /// <summary>Whether U's gradient differs from Z's (GRU); then <see cref="BackwardStep"/>'s recurrent gradient is kept separately.</summary>
    protected virtual bool SeparateRecurrentGradients => false;

    /// <summary>Prepares per-batch cell buffers before the first step (the LSTM's cell state).</summary>
    protected virtual void BeginSequence() { }

    /// <summary>
    /// Step <paramref name="step"/>: from Z_t (<see cref="GateValues"/>), h_{t−1}·U (<see cref="RecurrentProduct"/>) and
    /// H[t], writes H[t + 1]; at padded steps H[t + 1] = H[t].
    /// </summary>
    protected abstract void ForwardStep(int step);

    /// <summary>
    /// Step <paramref name="step"/> backwards, given dh = dL/dh_t: writes dL/dZ_t into <paramref name="inputGradient"/>,
    /// dL/d(h_{t−1}·U) into <paramref name="recurrentGradient"/> (zeros at padded steps) and the part of dL/dh_{t−1}
    /// that does not go through U into <paramref name="previous"/> (dh itself at padded steps).
    /// </summary>
    protected abstract void BackwardStep(int step, Span<float> dh, Span<float> inputGradient, Span<float> recurrentGradient, Span<float> previous);

    /// <summary>Adds gradients of <see cref="ExtraParameters"/> from dL/d(h·U) of every step <c>[time·batch, gates·units]</c>.</summary>
    protected virtual void AccumulateExtraGradients(Tensor recurrentGradients) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Rows, steps = Steps, features = InputShape[1], width = Gates * Units;
        if (_lengths.Length < n) _lengths = new int[n];
        SequenceMask.RightPaddedLengths(_mask, n, steps, TypeName, _lengths);
        Batch = n;
        // X: [batch, time, in] → time-major [time, batch, in] ; Z = X·W + b
        var x = Tensor.Ensure(ref _timeMajor, steps, n, features);
        SwapBatchAndTime(input.Span, x.Span, n, steps, features);
        var z = Tensor.Ensure(ref _gates, steps, n, width);
        Gemm.Multiply(transposeA: false, transposeB: false, steps * n, width, features, x.Data, Kernel.Value.Data, z.Data, accumulate: false);
        for (int row = 0; row < steps * n; row++) TensorPrimitives.Add(z.Span.Slice(row * width, width), Bias.Value.Span, z.Span.Slice(row * width, width));

        var states = Tensor.Ensure(ref _states, steps + 1, n, Units);
        AtStep(states, 0, Units).Clear();
        var hidden = Tensor.Ensure(ref _hidden, n, Units);
        hidden.Clear();
        Tensor.Ensure(ref _recurrent, n, width);
        BeginSequence();
        for (int t = 0; t < steps; t++)
        {
            // R = h_{t−1}·U, then the cell's step
            StepGemm(transposeB: false, n, width, Units, hidden.Data, RecurrentKernel.Value.Data, _recurrent!.Data);
            ForwardStep(t);
            AtStep(states, t + 1, Units).CopyTo(hidden.Span);
        }
        return WriteOutput(states, n, steps);
    }

    private Tensor WriteOutput(Tensor states, int n, int steps)
    {
        if (!ReturnSequences)
        {
            var last = Tensor.Ensure(ref _output, n, Units);
            AtStep(states, steps, Units).CopyTo(last.Span);
            return last;
        }
        // y[b, t] = h_t at real steps, 0 at padding
        var y = Tensor.Ensure(ref _output, n, steps, Units);
        for (int b = 0; b < n; b++)
            for (int t = 0; t < steps; t++)
            {
                var row = y.Span.Slice((b * steps + t) * Units, Units);
                if (IsReal(b, t)) states.Span.Slice(((t + 1) * n + b) * Units, Units).CopyTo(row);
                else row.Clear();
            }
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => Backward(outputGradient, inputGradient: true)!;

    /// <summary>Backpropagation through time without dX = dZ·Wᵀ (the network's first layer).</summary>
    internal override void BackwardParametersOnly(Tensor outputGradient) => Backward(outputGradient, inputGradient: false);

    private Tensor? Backward(Tensor outputGradient, bool inputGradient)
    {
        var x = _timeMajor ?? throw new InvalidOperationException($"{TypeName}.Backward called before Forward.");
        int n = Batch, steps = Steps, features = InputShape[1], width = Gates * Units;
        var dZ = Tensor.Ensure(ref _gateGradients, steps, n, width);
        var dR = SeparateRecurrentGradients ? Tensor.Ensure(ref _recurrentGradients, steps, n, width) : dZ;
        var step = Tensor.Ensure(ref _stepGradient, n, width);
        var dh = Tensor.Ensure(ref _dh, n, Units);
        var previous = Tensor.Ensure(ref _dhPrevious, n, Units);
        if (ReturnSequences) dh.Clear();
        else outputGradient.Span.CopyTo(dh.Span);
        for (int t = steps - 1; t >= 0; t--)
        {
            if (ReturnSequences)
                for (int b = 0; b < n; b++)
                    if (IsReal(b, t))
                    {
                        var grad = dh.Span.Slice(b * Units, Units);
                        TensorPrimitives.Add(grad, outputGradient.Span.Slice((b * steps + t) * Units, Units), grad);
                    }
            BackwardStep(t, dh.Span, AtStep(dZ, t, width), step.Span, previous.Span);
            if (SeparateRecurrentGradients) step.Span.CopyTo(AtStep(dR, t, width));
            // dh_{t−1} = direct part + dR_t·Uᵀ
            StepGemm(transposeB: true, n, Units, width, step.Data, RecurrentKernel.Value.Data, dh.Data);
            TensorPrimitives.Add(dh.Span, previous.Span, dh.Span);
        }
        // dW += Xᵀ·dZ ; dU += H_{t−1}ᵀ·dR ; db += Σ dZ ; dX = dZ·Wᵀ
        Gemm.Multiply(transposeA: true, transposeB: false, features, width, steps * n, x.Data, dZ.Data, Kernel.Gradient.Data, accumulate: true);
        Gemm.Multiply(transposeA: true, transposeB: false, Units, width, steps * n, HiddenStates.Data, dR.Data, RecurrentKernel.Gradient.Data, accumulate: true);
        for (int row = 0; row < steps * n; row++) TensorPrimitives.Add(Bias.Gradient.Span, dZ.Span.Slice(row * width, width), Bias.Gradient.Span);
        AccumulateExtraGradients(dR);
        if (!inputGradient) return null;
        var dxTimeMajor = Tensor.Ensure(ref _gradTimeMajor, steps, n, features);
        Gemm.Multiply(transposeA: false, transposeB: true, steps * n, features, width, dZ.Data, Kernel.Value.Data, dxTimeMajor.Data, accumulate: false);
        var dx = Tensor.Ensure(ref _gradInput, n, steps, features);
        SwapBatchAndTime(dxTimeMajor.Span, dx.Span, steps, n, features);
        return dx;
    }

    /// <summary>Per-step products below this many multiply-adds run on one thread: handing a step to other threads costs more.</summary>
    private const long StepParallelThreshold = 1L << 22;

    /// <summary>C = A·op(B) for one step's recurrent product, single-threaded when small.</summary>
    private static void StepGemm(bool transposeB, int m, int n, int k, float[] a, float[] b, float[] c) =>
        Gemm.Multiply(transposeA: false, transposeB, m, n, k, a, b, c, accumulate: false, Gemm.BestPath,
            (long)m * n * k < StepParallelThreshold ? 1 : Environment.ProcessorCount);

    /// <summary>[a, b, width] → [b, a, width].</summary>
    private static void SwapBatchAndTime(ReadOnlySpan<float> source, Span<float> destination, int outer, int inner, int width)
    {
        for (int i = 0; i < outer; i++)
            for (int j = 0; j < inner; j++)
                source.Slice((i * inner + j) * width, width).CopyTo(destination.Slice((j * outer + i) * width, width));
    }

    /// <summary>Copies the rows of padded sequences from <paramref name="previous"/> into <paramref name="next"/> (the state carried through padding).</summary>
    protected void CarryPadded(int step, ReadOnlySpan<float> previous, Span<float> next, int width)
    {
        for (int b = 0; b < Batch; b++)
            if (!IsReal(b, step)) previous.Slice(b * width, width).CopyTo(next.Slice(b * width, width));
    }

    /// <summary>Zeroes the rows of padded sequences of a <c>[batch, width]</c> block.</summary>
    protected void ClearPadded(int step, Span<float> rows, int width)
    {
        for (int b = 0; b < Batch; b++)
            if (!IsReal(b, step)) rows.Slice(b * width, width).Clear();
    }

    /// <summary>The settings every recurrent layer writes to its config.</summary>
    protected LayerConfig BaseConfig() => new LayerConfig(TypeName).Set("units", Units).Set("returnSequences", ReturnSequences)
        .Set("kernelInitializer", KernelInitializer.ToString()).Set("recurrentInitializer", RecurrentInitializer.ToString());

    private InvalidOperationException NotBuilt() => new($"{TypeName} is not built.");
}

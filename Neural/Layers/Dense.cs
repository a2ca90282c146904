using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Fully connected layer: y = f(x·W + b) for x <c>[n, in]</c>, W <c>[in, units]</c>, b <c>[units]</c>,
/// with an optional fused activation f. A sequence sample <c>[time, in]</c> maps to <c>[time, units]</c>: the
/// same W and b at every position (each of the n·time rows is one x).
/// </summary>
public sealed class Dense : Layer
{
    private Parameter? _kernel, _bias;
    private ActivationFunction _activation = null!;
    private Tensor? _input, _preActivation, _output, _gradPre, _gradInput;
    private Parameter[]? _parameters;

    /// <summary>Creates an unbuilt dense layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    public Dense(int units, Activation activation = Activation.None, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, bool useBias = true, float activationAlpha = float.NaN)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "Dense needs at least one unit.");
        Units = units;
        Activation = activation;
        ActivationAlpha = activationAlpha;
        KernelInitializer = kernelInitializer ?? InitializerDefaults.For(activation);
        BiasInitializer = biasInitializer ?? new Zeros();
        UseBias = useBias;
    }

    /// <summary>Number of outputs.</summary>
    public int Units { get; }

    /// <summary>The fused activation.</summary>
    public Activation Activation { get; }

    /// <summary>α for LeakyReLU/ELU (NaN: their default).</summary>
    public float ActivationAlpha { get; }

    /// <summary>How W is initialised (He for ReLU-like activations, Glorot otherwise, by default).</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>How b is initialised (zeros by default).</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Whether the layer has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>The weight matrix W <c>[in, units]</c>.</summary>
    public Parameter Kernel => _kernel ?? throw new InvalidOperationException("Dense layer is not built.");

    /// <summary>The bias b <c>[units]</c>, or null without bias.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters ?? [Kernel];

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape) => inputShape.Length switch
    {
        1 => [Units],
        2 => [inputShape[0], Units],
        _ => throw new ArgumentException($"Dense expects flat inputs [features] or sequences [time, features] but got {Tensor.FormatShape(inputShape)}; add a Flatten layer first.", nameof(inputShape)),
    };

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length is not (1 or 2))
            throw new ArgumentException($"Dense expects flat inputs [features] or sequences [time, features] but got {Tensor.FormatShape(inputShape)}; add a Flatten layer first.", nameof(inputShape));
        int inputs = inputShape[^1];
        _kernel = new Parameter("kernel", [inputs, Units], isWeight: true);
        KernelInitializer.Fill(_kernel.Value.Span, inputs, Units, random);
        if (UseBias)
        {
            _bias = new Parameter("bias", [Units], isWeight: false);
            BiasInitializer.Fill(_bias.Value.Span, inputs, Units, random);
        }
        _activation = ActivationFunction.Create(Activation, ActivationAlpha);
        _parameters = _bias is null ? [_kernel] : [_kernel, _bias];
        return inputShape.Length == 1 ? [Units] : [inputShape[0], Units];
    }

    /// <summary>Rows of the product: one per sample, or one per position of each sequence sample.</summary>
    private int RowsOf(Tensor input) => input.Length / InputShape[^1];

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = RowsOf(input), inputs = InputShape[^1];
        _input = input;
        var z = Tensor.Ensure(ref _preActivation, input.Rows, OutputShape);
        // z = x·W + b
        Gemm.Multiply(transposeA: false, transposeB: false, n, Units, inputs, input.Data, Kernel.Value.Data, z.Data, accumulate: false);
        if (_bias is not null)
            for (int i = 0; i < n; i++) TensorPrimitives.Add(z.Span.Slice(i * Units, Units), _bias.Value.Span, z.Span.Slice(i * Units, Units));
        if (Activation == Activation.None) return z;
        // y = f(z)
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        _activation.Forward(z.Span, y.Span, Units);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) =>
        Backward(outputGradient, inputGradient: true, parameterGradients: true)!;

    /// <inheritdoc/>
    internal override void BackwardParametersOnly(Tensor outputGradient) =>
        Backward(outputGradient, inputGradient: false, parameterGradients: true);

    /// <inheritdoc/>
    internal override Tensor BackwardInputOnly(Tensor outputGradient) =>
        Backward(outputGradient, inputGradient: true, parameterGradients: false)!;

    private Tensor? Backward(Tensor outputGradient, bool inputGradient, bool parameterGradients)
    {
        var input = _input ?? throw new InvalidOperationException("Dense.Backward called before Forward.");
        int n = RowsOf(input), inputs = InputShape[^1];
        var dz = outputGradient;
        if (Activation != Activation.None)
        {
            // dz = f'(z) ⊙ dy
            dz = Tensor.Ensure(ref _gradPre, input.Rows, OutputShape);
            _activation.Backward(_preActivation!.Span, _output!.Span, outputGradient.Span, dz.Span, Units);
        }
        // dW += xᵀ·dz ;  db += Σ_rows dz ;  dx = dz·Wᵀ
        if (parameterGradients)
            Gemm.Multiply(transposeA: true, transposeB: false, inputs, Units, n, input.Data, dz.Data, Kernel.Gradient.Data, accumulate: true);
        if (_bias is not null && parameterGradients)
            for (int i = 0; i < n; i++) TensorPrimitives.Add(_bias.Gradient.Span, dz.Span.Slice(i * Units, Units), _bias.Gradient.Span);
        if (!inputGradient) return null;
        var dx = Tensor.Ensure(ref _gradInput, input.Rows, InputShape);
        Gemm.Multiply(transposeA: false, transposeB: true, n, inputs, Units, dz.Data, Kernel.Value.Data, dx.Data, accumulate: false);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig()
    {
        var config = new LayerConfig(nameof(Dense))
            .Set("units", Units).Set("activation", Activation).Set("useBias", UseBias)
            .Set("kernelInitializer", KernelInitializer.ToString()).Set("biasInitializer", BiasInitializer.ToString());
        if (!float.IsNaN(ActivationAlpha)) config.Set("activationAlpha", ActivationAlpha);
        return config;
    }

    internal static Dense Create(LayerConfig config) => new(
        config.GetInt("units"), config.GetEnum<Activation>("activation"),
        Initializer.Parse(config.GetString("kernelInitializer")), Initializer.Parse(config.GetString("biasInitializer")),
        config.GetBool("useBias"), config.Has("activationAlpha") ? config.GetFloat("activationAlpha") : float.NaN);
}

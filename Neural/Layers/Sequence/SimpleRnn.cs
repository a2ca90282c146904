namespace MLExt.Neural;

/// <summary>
/// Fully connected recurrence (Elman network; ONNX RNN): h_t = f(x_t·W + h_{t−1}·U + b), h_0 = 0, with f tanh by
/// default (also sigmoid, ReLU or none). Input <c>[time, features]</c>; output <c>[time, units]</c> or <c>[units]</c>;
/// masking and the rest as in <see cref="RecurrentLayer"/>.
/// </summary>
public sealed class SimpleRnn : RecurrentLayer
{
    private readonly ActivationFunction _activation;

    /// <summary>Creates an unbuilt simple recurrent layer.</summary>
    /// <param name="units">Size of the state.</param>
    /// <param name="activation">f: <see cref="Activation.Tanh"/> (default), <see cref="Activation.Sigmoid"/>, <see cref="Activation.Relu"/> or <see cref="Activation.None"/>.</param>
    /// <param name="returnSequences">Output every step's state instead of the last one.</param>
    /// <param name="kernelInitializer">W's initialiser (Glorot uniform by default).</param>
    /// <param name="recurrentInitializer">U's initialiser (orthogonal by default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive or the activation is not one of those.</exception>
    public SimpleRnn(int units, Activation activation = Activation.Tanh, bool returnSequences = false,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null)
        : base(units, returnSequences, kernelInitializer, recurrentInitializer)
    {
        if (activation is not (Activation.Tanh or Activation.Sigmoid or Activation.Relu or Activation.None))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "SimpleRnn supports the Tanh, Sigmoid, Relu and None activations (those of ONNX's RNN operator).");
        Activation = activation;
        _activation = ActivationFunction.Create(activation);
    }

    /// <summary>The state's activation f.</summary>
    public Activation Activation { get; }

    /// <inheritdoc/>
    public override int Gates => 1;

    /// <inheritdoc/>
    protected override void ForwardStep(int step)
    {
        // a_t = z_t + h_{t−1}·U (kept in Z) ; h_t = f(a_t), carried through padding
        var a = AtStep(GateValues, step, Units);
        System.Numerics.Tensors.TensorPrimitives.Add(a, RecurrentProduct, a);
        var h = AtStep(HiddenStates, step + 1, Units);
        _activation.Forward(a, h, Units);
        CarryPadded(step, AtStep(HiddenStates, step, Units), h, Units);
    }

    /// <inheritdoc/>
    protected override void BackwardStep(int step, Span<float> dh, Span<float> inputGradient, Span<float> recurrentGradient, Span<float> previous)
    {
        // da = f'(a) ⊙ dh ; the state passes unchanged through padding
        _activation.Backward(AtStep(GateValues, step, Units), AtStep(HiddenStates, step + 1, Units), dh, recurrentGradient, Units);
        ClearPadded(step, recurrentGradient, Units);
        recurrentGradient.CopyTo(inputGradient);
        previous.Clear();
        CarryPadded(step, dh, previous, Units);
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => BaseConfig().Set("activation", Activation);

    internal static SimpleRnn Create(LayerConfig config) => new(
        config.GetInt("units"), config.GetEnum<Activation>("activation"), config.GetBool("returnSequences"),
        Initializer.Parse(config.GetString("kernelInitializer")), Initializer.Parse(config.GetString("recurrentInitializer")));
}

using System.Numerics;

namespace MLExt.Neural;

/// <summary>
/// Stochastic gradient descent with optional classical or Nesterov momentum, in the formulation of
/// Keras/TensorFlow <c>SGD</c>: the velocity v (zero at the start) carries the learning rate.
/// <list type="bullet">
/// <item>Plain (Momentum = 0): p ← p − η·g.</item>
/// <item>Momentum: v ← μ·v − η·g; p ← p + v.</item>
/// <item>Nesterov: v ← μ·v − η·g; p ← p + μ·v − η·g, using the updated v.</item>
/// </list>
/// With a constant η this matches PyTorch's <c>SGD</c> (dampening 0) too; they differ only when
/// η changes, because PyTorch's buffer holds Σ μᵏ·g rather than the step taken.
/// </summary>
public sealed class SgdOptimizer : Optimizer
{
    /// <summary>Creates an SGD optimiser with learning rate 0.01 and no momentum.</summary>
    public SgdOptimizer() => LearningRate = 0.01f;

    /// <summary>Momentum factor μ in [0, 1); 0 (the default) disables momentum.</summary>
    public float Momentum { get; set; }

    /// <summary>Whether to use Nesterov momentum (default false); requires <see cref="Momentum"/> &gt; 0.</summary>
    public bool Nesterov { get; set; }

    private SgdRule _rule;

    /// <summary>Creates the velocity v (slot 0) when there is momentum.</summary>
    protected override void PrepareState(int index, int length)
    {
        if (Momentum != 0f) State(index, 0, length);
    }

    /// <inheritdoc/>
    protected override void BeginStep(float learningRate) => _rule = new SgdRule(learningRate, Momentum, Nesterov);

    /// <inheritdoc/>
    protected override bool Update(Parameter parameter, int index, int start, int length, float gradientScale)
    {
        var velocity = Momentum != 0f ? State(index, 0, parameter.Value.Length).AsSpan(start, length) : default;
        return UpdateKernel.Run(_rule.Scaled(parameter.LearningRateMultiplier), parameter.Value.Span.Slice(start, length), parameter.Gradient.Span.Slice(start, length),
            velocity, default, default, gradientScale);
    }

    // Plain: p ← p − η·g. Momentum: v ← μ·v − η·g; p ← p + v (Nesterov: p ← p + μ·v − η·g).
    private readonly struct SgdRule(float learningRate, float momentum, bool nesterov) : IUpdateRule
    {
        // η·m for a layer's learning-rate multiplier m; a multiplier of 1 keeps the rule's bits.
        public SgdRule Scaled(float multiplier) => multiplier == 1f ? this : new(learningRate * multiplier, momentum, nesterov);

        public Vector<float> Update(Vector<float> p, Vector<float> g, ref float v, ref float unused1, ref float unused2, nuint i)
        {
            var step = new Vector<float>(-learningRate) * g;
            if (momentum == 0f) return p + step;
            var velocity = new Vector<float>(momentum) * Vector.LoadUnsafe(ref v, i) + step;
            velocity.StoreUnsafe(ref v, i);
            return p + (nesterov ? new Vector<float>(momentum) * velocity + step : velocity);
        }

        public float Update(float p, float g, ref float v, ref float unused1, ref float unused2)
        {
            float step = -learningRate * g;
            if (momentum == 0f) return p + step;
            float velocity = momentum * v + step;
            v = velocity;
            return p + (nesterov ? momentum * velocity + step : velocity);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="Momentum"/> is outside [0, 1), or <see cref="Nesterov"/> is set with no momentum.
    /// </exception>
    public override void Validate()
    {
        base.Validate();
        SettingChecks.Fraction(Momentum, nameof(Momentum), nameof(SgdOptimizer));
        SettingChecks.Require(!Nesterov || Momentum > 0f, Nesterov, nameof(Nesterov), nameof(SgdOptimizer),
            "false when Momentum is 0 (Nesterov momentum needs a Momentum in (0, 1))");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{nameof(SgdOptimizer)}(LearningRate={LearningRate}, Momentum={Momentum}, Nesterov={Nesterov})";
}

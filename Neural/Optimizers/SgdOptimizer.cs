using System.Numerics.Tensors;

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

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, int index, float learningRate)
    {
        var p = parameter.Value.Span;
        var g = parameter.Gradient.Span;
        if (Momentum == 0f)
        {
            // p ← p − η·g
            TensorPrimitives.MultiplyAdd(g, -learningRate, p, p);
            return;
        }
        var v = State(index, 0, p.Length).AsSpan();
        float mu = Momentum;
        bool nesterov = Nesterov;
        for (int i = 0; i < p.Length; i++)
        {
            // v ← μ·v − η·g; p ← p + v (Nesterov: p ← p + μ·v − η·g)
            float step = -learningRate * g[i];
            float velocity = mu * v[i] + step;
            v[i] = velocity;
            p[i] += nesterov ? mu * velocity + step : velocity;
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

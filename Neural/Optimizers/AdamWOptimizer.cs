using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019), in PyTorch's order.
/// Each step first decays the weights, p ← p·(1 − η·λ), but only parameters with
/// <see cref="Parameter.IsWeight"/> (biases and normalisation offsets are left alone); then every
/// parameter takes the Adam step of <see cref="AdamOptimizer"/>:
/// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; p ← p − η·m̂/(√v̂ + ε), with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
/// The decay uses the step's learning rate η (so it follows a schedule) and does not enter the
/// gradient, the moments or an L2 penalty.
/// </summary>
public sealed class AdamWOptimizer : Optimizer
{
    /// <summary>Creates an AdamW optimiser with learning rate 0.001.</summary>
    public AdamWOptimizer() => LearningRate = 1e-3f;

    /// <summary>Decoupled weight decay λ ≥ 0 (default 0.01, as PyTorch and Keras).</summary>
    public float WeightDecay { get; set; } = 0.01f;

    /// <summary>Decay β₁ in [0, 1) of the first-moment estimate (default 0.9).</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay β₂ in [0, 1) of the second-moment estimate (default 0.999).</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Small constant ε &gt; 0 added to √v̂ (default 1e-7, as Keras).</summary>
    public float Epsilon { get; set; } = 1e-7f;

    /// <summary>Whether to use the AMSGrad variant, which never lets the second moment decrease (default false).</summary>
    public bool Amsgrad { get; set; }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, int index, float learningRate)
    {
        var p = parameter.Value.Span;
        // p ← p·(1 − ηλ), weights only, before the Adam step
        if (parameter.IsWeight && WeightDecay != 0f)
            TensorPrimitives.Multiply(p, 1f - learningRate * WeightDecay, p);
        AdamStep.Apply(p, parameter.Gradient.Span, State(index, 0, p.Length), State(index, 1, p.Length),
            Amsgrad ? State(index, 2, p.Length) : default,
            learningRate, Beta1, Beta2, Epsilon, Amsgrad, StepCount);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="WeightDecay"/> is negative, <see cref="Beta1"/> or <see cref="Beta2"/> is outside [0, 1),
    /// or <see cref="Epsilon"/> is not positive.
    /// </exception>
    public override void Validate()
    {
        base.Validate();
        SettingChecks.NonNegative(WeightDecay, nameof(WeightDecay), nameof(AdamWOptimizer));
        AdamStep.Validate(Beta1, Beta2, Epsilon, nameof(AdamWOptimizer));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{nameof(AdamWOptimizer)}(LearningRate={LearningRate}, WeightDecay={WeightDecay}, Beta1={Beta1}, Beta2={Beta2}, Epsilon={Epsilon}, Amsgrad={Amsgrad})";
}

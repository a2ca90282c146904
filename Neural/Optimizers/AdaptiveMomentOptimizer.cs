using System.Numerics;

namespace MLExt.Neural;

/// <summary>
/// The Adam family (<see cref="AdamOptimizer"/>, <see cref="AdamWOptimizer"/>): bias-corrected
/// first and second moment estimates, as in Kingma &amp; Ba (2015), Algorithm 1. m and v start at zero
/// and t = <see cref="Optimizer.StepCount"/>; each step
/// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ); p ← p − η·m̂/(√v̂ + ε).
/// With <see cref="Amsgrad"/> (Reddi et al., 2018, in PyTorch's form) v̂ is computed from
/// v_max ← max(v_max, v) instead of v. Defaults are Keras': η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-7.
/// Keras adds ε to √v before the bias correction ("ε-hat"); here, as in the paper and PyTorch, it is
/// added to √v̂. The difference is of the order of ε.
/// </summary>
public abstract class AdaptiveMomentOptimizer : Optimizer
{
    /// <summary>Sets the learning rate to 0.001; only this assembly derives from the class.</summary>
    private protected AdaptiveMomentOptimizer() => LearningRate = 1e-3f;

    /// <summary>Decay β₁ in [0, 1) of the first-moment estimate (default 0.9).</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay β₂ in [0, 1) of the second-moment estimate (default 0.999).</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Small constant ε &gt; 0 added to √v̂ (default 1e-7, as Keras).</summary>
    public float Epsilon { get; set; } = 1e-7f;

    /// <summary>Whether to use the AMSGrad variant, which never lets the second moment decrease (default false).</summary>
    public bool Amsgrad { get; set; }

    private MomentRule _rule;

    /// <summary>Creates m (slot 0), v (slot 1) and, with AMSGrad, v_max (slot 2).</summary>
    protected override void PrepareState(int index, int length)
    {
        State(index, 0, length);
        State(index, 1, length);
        if (Amsgrad) State(index, 2, length);
    }

    /// <summary>η/(1 − β₁ᵗ) and 1/√(1 − β₂ᵗ), once per step in double; AdamW's decay factor 1 − ηλ.</summary>
    protected override void BeginStep(float learningRate) => _rule = new MomentRule(Beta1, Beta2, Epsilon,
        (float)(learningRate / (1.0 - Math.Pow(Beta1, StepCount))),
        (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(Beta2, StepCount))),
        1f - learningRate * DecoupledWeightDecay, Amsgrad);

    /// <summary>The decoupled weight decay λ of AdamW (0 for Adam).</summary>
    private protected virtual float DecoupledWeightDecay => 0f;

    /// <summary>Takes the Adam step on a range of one parameter; state slots are m (0), v (1) and v_max (2, AMSGrad only).</summary>
    protected override bool Update(Parameter parameter, int index, int start, int length, float gradientScale)
    {
        var firstMoment = State(index, 0, parameter.Value.Length).AsSpan(start, length);
        var secondMoment = State(index, 1, parameter.Value.Length).AsSpan(start, length);
        var maxSecondMoment = Amsgrad ? State(index, 2, parameter.Value.Length).AsSpan(start, length) : default;
        // Only weights decay (AdamW); a factor of 1 leaves p's bits unchanged.
        var rule = (parameter.IsWeight ? _rule : _rule.WithoutDecay()).Scaled(parameter.LearningRateMultiplier);
        return UpdateKernel.Run(rule, parameter.Value.Span.Slice(start, length), parameter.Gradient.Span.Slice(start, length),
            firstMoment, secondMoment, maxSecondMoment, gradientScale);
    }

    // p ← p·(1 − ηλ); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g² (v ← max(v_max, v) with AMSGrad);
    // p ← p − η·m̂/(√v̂ + ε), the same arithmetic on a vector and on one value.
    private readonly struct MomentRule(float beta1, float beta2, float epsilon, float stepSize, float inverseRootCorrection,
        float decay, bool amsgrad) : IUpdateRule
    {
        public MomentRule WithoutDecay() => new(beta1, beta2, epsilon, stepSize, inverseRootCorrection, 1f, amsgrad);

        // η·m for a layer's learning-rate multiplier m, in the step and in the decay 1 − η·m·λ; 1 keeps the rule's bits.
        public MomentRule Scaled(float multiplier) => multiplier == 1f ? this
            : new(beta1, beta2, epsilon, stepSize * multiplier, inverseRootCorrection, 1f - (1f - decay) * multiplier, amsgrad);

        public Vector<float> Update(Vector<float> p, Vector<float> g, ref float m, ref float v, ref float vmax, nuint i)
        {
            var mi = new Vector<float>(beta1) * Vector.LoadUnsafe(ref m, i) + new Vector<float>(1f - beta1) * g;
            var vi = new Vector<float>(beta2) * Vector.LoadUnsafe(ref v, i) + new Vector<float>(1f - beta2) * g * g;
            mi.StoreUnsafe(ref m, i);
            vi.StoreUnsafe(ref v, i);
            if (amsgrad)
            {
                vi = Vector.Max(Vector.LoadUnsafe(ref vmax, i), vi);
                vi.StoreUnsafe(ref vmax, i);
            }
            p *= new Vector<float>(decay);
            return p - new Vector<float>(stepSize) * mi / (Vector.SquareRoot(vi) * new Vector<float>(inverseRootCorrection) + new Vector<float>(epsilon));
        }

        public float Update(float p, float g, ref float m, ref float v, ref float vmax)
        {
            float mi = beta1 * m + (1f - beta1) * g;
            float vi = beta2 * v + (1f - beta2) * g * g;
            m = mi;
            v = vi;
            if (amsgrad)
            {
                vi = MathF.Max(vmax, vi);
                vmax = vi;
            }
            p *= decay;
            return p - stepSize * mi / (MathF.Sqrt(vi) * inverseRootCorrection + epsilon);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="Beta1"/> or <see cref="Beta2"/> is outside [0, 1), or <see cref="Epsilon"/> is not positive.
    /// </exception>
    public override void Validate()
    {
        base.Validate();
        string owner = GetType().Name;
        SettingChecks.Fraction(Beta1, nameof(Beta1), owner);
        SettingChecks.Fraction(Beta2, nameof(Beta2), owner);
        SettingChecks.Positive(Epsilon, nameof(Epsilon), owner);
    }
}

using System.Numerics;

namespace MLExt.Neural;

/// <summary>
/// RMSprop (Hinton, 2012) with the semantics and defaults of Keras 3 <c>RMSprop</c>. All state starts
/// at zero. Each step:
/// <list type="bullet">
/// <item>v ← ρ·v + (1 − ρ)·g² (running mean square);</item>
/// <item>plain: d = v + ε; centered: ḡ ← ρ·ḡ + (1 − ρ)·g and d = v − ḡ² + ε (a variance estimate);</item>
/// <item>increment Δ = η·g / √d (ε inside the root, as in Keras);</item>
/// <item>no momentum: p ← p − Δ; with momentum μ &gt; 0: b ← μ·b + Δ; p ← p − b.</item>
/// </list>
/// </summary>
public sealed class RmsPropOptimizer : Optimizer
{
    /// <summary>Creates an RMSprop optimiser with learning rate 0.001.</summary>
    public RmsPropOptimizer() => LearningRate = 1e-3f;

    /// <summary>Discount ρ in [0, 1) of the running mean square (default 0.9).</summary>
    public float Rho { get; set; } = 0.9f;

    /// <summary>Small constant ε &gt; 0 added under the root (default 1e-7).</summary>
    public float Epsilon { get; set; } = 1e-7f;

    /// <summary>Momentum factor μ in [0, 1) on the increments; 0 (the default) disables it.</summary>
    public float Momentum { get; set; }

    /// <summary>Whether to divide by the estimated variance rather than the mean square (default false).</summary>
    public bool Centered { get; set; }

    private RmsPropRule _rule;

    /// <summary>Creates the mean square (slot 0), the mean gradient when centred (slot 1) and the momentum buffer (slot 2).</summary>
    protected override void PrepareState(int index, int length)
    {
        State(index, 0, length);
        if (Centered) State(index, 1, length);
        if (Momentum > 0f) State(index, 2, length);
    }

    /// <inheritdoc/>
    protected override void BeginStep(float learningRate) => _rule = new RmsPropRule(learningRate, Rho, Epsilon, Momentum, Centered);

    /// <inheritdoc/>
    protected override bool Update(Parameter parameter, int index, int start, int length, float gradientScale)
    {
        int size = parameter.Value.Length;
        var meanSquare = State(index, 0, size).AsSpan(start, length);
        var meanGradient = Centered ? State(index, 1, size).AsSpan(start, length) : default;
        var buffer = Momentum > 0f ? State(index, 2, size).AsSpan(start, length) : default;
        return UpdateKernel.Run(_rule.Scaled(parameter.LearningRateMultiplier), parameter.Value.Span.Slice(start, length), parameter.Gradient.Span.Slice(start, length),
            meanSquare, meanGradient, buffer, gradientScale);
    }

    // v ← ρv + (1 − ρ)g²; ḡ ← ρḡ + (1 − ρ)g; Δ = ηg / √(v [− ḡ²] + ε); b ← μb + Δ; p ← p − b (or − Δ)
    private readonly struct RmsPropRule(float learningRate, float rho, float epsilon, float momentum, bool centered) : IUpdateRule
    {
        // η·m for a layer's learning-rate multiplier m; a multiplier of 1 keeps the rule's bits.
        public RmsPropRule Scaled(float multiplier) =>
            multiplier == 1f ? this : new(learningRate * multiplier, rho, epsilon, momentum, centered);

        public Vector<float> Update(Vector<float> p, Vector<float> g, ref float meanSquare, ref float meanGradient, ref float buffer, nuint i)
        {
            var v = new Vector<float>(rho) * Vector.LoadUnsafe(ref meanSquare, i) + new Vector<float>(1f - rho) * g * g;
            v.StoreUnsafe(ref meanSquare, i);
            var denominator = v + new Vector<float>(epsilon);
            if (centered)
            {
                var mean = new Vector<float>(rho) * Vector.LoadUnsafe(ref meanGradient, i) + new Vector<float>(1f - rho) * g;
                mean.StoreUnsafe(ref meanGradient, i);
                denominator -= mean * mean;
            }
            var increment = new Vector<float>(learningRate) * g / Vector.SquareRoot(denominator);
            if (momentum > 0f)
            {
                increment += new Vector<float>(momentum) * Vector.LoadUnsafe(ref buffer, i);
                increment.StoreUnsafe(ref buffer, i);
            }
            return p - increment;
        }

        public float Update(float p, float g, ref float meanSquare, ref float meanGradient, ref float buffer)
        {
            float v = rho * meanSquare + (1f - rho) * g * g;
            meanSquare = v;
            float denominator = v + epsilon;
            if (centered)
            {
                float mean = rho * meanGradient + (1f - rho) * g;
                meanGradient = mean;
                denominator -= mean * mean;
            }
            float increment = learningRate * g / MathF.Sqrt(denominator);
            if (momentum > 0f)
            {
                increment += momentum * buffer;
                buffer = increment;
            }
            return p - increment;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="Rho"/> or <see cref="Momentum"/> is outside [0, 1), or <see cref="Epsilon"/> is not positive.
    /// </exception>
    public override void Validate()
    {
        base.Validate();
        SettingChecks.Fraction(Rho, nameof(Rho), nameof(RmsPropOptimizer));
        SettingChecks.Positive(Epsilon, nameof(Epsilon), nameof(RmsPropOptimizer));
        SettingChecks.Fraction(Momentum, nameof(Momentum), nameof(RmsPropOptimizer));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{nameof(RmsPropOptimizer)}(LearningRate={LearningRate}, Rho={Rho}, Epsilon={Epsilon}, Momentum={Momentum}, Centered={Centered})";
}

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

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, int index, float learningRate)
    {
        var p = parameter.Value.Span;
        var g = parameter.Gradient.Span;
        var meanSquare = State(index, 0, p.Length).AsSpan();
        var meanGradient = Centered ? State(index, 1, p.Length).AsSpan() : default;
        var buffer = Momentum > 0f ? State(index, 2, p.Length).AsSpan() : default;
        float rho = Rho, epsilon = Epsilon, mu = Momentum;
        bool centered = Centered;
        for (int i = 0; i < p.Length; i++)
        {
            // v ← ρv + (1 − ρ)g²; ḡ ← ρḡ + (1 − ρ)g; Δ = ηg / √(v [− ḡ²] + ε); b ← μb + Δ; p ← p − b (or − Δ)
            float gi = g[i];
            float v = rho * meanSquare[i] + (1f - rho) * gi * gi;
            meanSquare[i] = v;
            float denominator = v + epsilon;
            if (centered)
            {
                float mean = rho * meanGradient[i] + (1f - rho) * gi;
                meanGradient[i] = mean;
                denominator -= mean * mean;
            }
            float increment = learningRate * gi / MathF.Sqrt(denominator);
            if (mu > 0f)
            {
                increment += mu * buffer[i];
                buffer[i] = increment;
            }
            p[i] -= increment;
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

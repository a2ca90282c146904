namespace MLExt.Neural;

/// <summary>
/// AdaGrad (Duchi, Hazan &amp; Singer, 2011) with Keras' defaults: each value's step shrinks with the
/// sum of its squared gradients. G starts at <see cref="InitialAccumulatorValue"/>, then
/// G ← G + g²; p ← p − η·g / (√G + ε).
/// Keras 3 puts ε inside the root (√(G + ε)); with G ≥ 0.1 the two differ by far less than float
/// precision. The state buffer holds Σg² (G minus its initial value), so a fresh zero buffer is a
/// fresh accumulator.
/// </summary>
public sealed class AdaGradOptimizer : Optimizer
{
    /// <summary>Creates an AdaGrad optimiser with learning rate 0.01.</summary>
    public AdaGradOptimizer() => LearningRate = 0.01f;

    /// <summary>Small constant ε &gt; 0 added to the root (default 1e-7).</summary>
    public float Epsilon { get; set; } = 1e-7f;

    /// <summary>Starting value G₀ ≥ 0 of every accumulator (default 0.1).</summary>
    public float InitialAccumulatorValue { get; set; } = 0.1f;

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, int index, float learningRate)
    {
        var p = parameter.Value.Span;
        var g = parameter.Gradient.Span;
        var sumOfSquares = State(index, 0, p.Length).AsSpan();
        float initial = InitialAccumulatorValue, epsilon = Epsilon;
        for (int i = 0; i < p.Length; i++)
        {
            // G ← G + g²; p ← p − η·g / (√G + ε)
            float sum = sumOfSquares[i] + g[i] * g[i];
            sumOfSquares[i] = sum;
            p[i] -= learningRate * g[i] / (MathF.Sqrt(initial + sum) + epsilon);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="Epsilon"/> is not positive, or <see cref="InitialAccumulatorValue"/> is negative.
    /// </exception>
    public override void Validate()
    {
        base.Validate();
        SettingChecks.Positive(Epsilon, nameof(Epsilon), nameof(AdaGradOptimizer));
        SettingChecks.NonNegative(InitialAccumulatorValue, nameof(InitialAccumulatorValue), nameof(AdaGradOptimizer));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{nameof(AdaGradOptimizer)}(LearningRate={LearningRate}, Epsilon={Epsilon}, InitialAccumulatorValue={InitialAccumulatorValue})";
}

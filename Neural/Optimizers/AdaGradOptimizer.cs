using System.Numerics;

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

    private AdaGradRule _rule;

    /// <summary>Creates Σg² (slot 0).</summary>
    protected override void PrepareState(int index, int length) => State(index, 0, length);

    /// <inheritdoc/>
    protected override void BeginStep(float learningRate) => _rule = new AdaGradRule(learningRate, InitialAccumulatorValue, Epsilon);

    /// <inheritdoc/>
    protected override bool Update(Parameter parameter, int index, int start, int length, float gradientScale) =>
        UpdateKernel.Run(_rule.Scaled(parameter.LearningRateMultiplier), parameter.Value.Span.Slice(start, length), parameter.Gradient.Span.Slice(start, length),
            State(index, 0, parameter.Value.Length).AsSpan(start, length), default, default, gradientScale);

    // G ← G + g²; p ← p − η·g / (√G + ε), with G = G₀ + the stored Σg²
    private readonly struct AdaGradRule(float learningRate, float initial, float epsilon) : IUpdateRule
    {
        // η·m for a layer's learning-rate multiplier m; a multiplier of 1 keeps the rule's bits.
        public AdaGradRule Scaled(float multiplier) => multiplier == 1f ? this : new(learningRate * multiplier, initial, epsilon);

        public Vector<float> Update(Vector<float> p, Vector<float> g, ref float sumOfSquares, ref float unused1, ref float unused2, nuint i)
        {
            var sum = Vector.LoadUnsafe(ref sumOfSquares, i) + g * g;
            sum.StoreUnsafe(ref sumOfSquares, i);
            return p - new Vector<float>(learningRate) * g / (Vector.SquareRoot(new Vector<float>(initial) + sum) + new Vector<float>(epsilon));
        }

        public float Update(float p, float g, ref float sumOfSquares, ref float unused1, ref float unused2)
        {
            float sum = sumOfSquares + g * g;
            sumOfSquares = sum;
            return p - learningRate * g / (MathF.Sqrt(initial + sum) + epsilon);
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

namespace MLExt.Neural;

/// <summary>
/// Inverted dropout: while training, y = x ⊙ m / (1 − p) with m_i ~ Bernoulli(1 − p); at inference y = x.
/// The mask comes from the layer's own seeded generator, so the same seed drops the same units.
/// </summary>
public sealed class Dropout : Layer
{
    private RandomSource? _random;
    private Tensor? _mask, _output, _gradInput;
    private bool _lastWasTraining;

    /// <summary>Creates a dropout layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    public Dropout(float rate)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Dropout rate must be in [0, 1).");
        Rate = rate;
    }

    /// <summary>Probability p of zeroing a value while training.</summary>
    public float Rate { get; }

    /// <summary>The layer's generator (for checkpoints); available once built.</summary>
    public RandomSource Random => _random ?? throw new InvalidOperationException("Dropout is not built.");

    /// <inheritdoc/>
    public override IReadOnlyList<RandomSource> RandomSources => [Random];

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape) => inputShape;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        _random = random.Fork();
        return inputShape;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _lastWasTraining = training && Rate > 0f;
        if (!_lastWasTraining) return input;
        var mask = Tensor.Ensure(ref _mask, input.Shape);
        var y = Tensor.Ensure(ref _output, input.Shape);
        float scale = 1f / (1f - Rate), rate = Rate;
        var random = Random;
        var m = mask.Span;
        // m_i = [u_i ≥ p] / (1 − p);  y = x ⊙ m
        for (int i = 0; i < m.Length; i++) m[i] = random.NextFloat() >= rate ? scale : 0f;
        System.Numerics.Tensors.TensorPrimitives.Multiply(input.Span, m, y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        if (!_lastWasTraining) return outputGradient;
        // dx = dy ⊙ m / (1 − p)   (the mask already holds the scale)
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(outputGradient.Span, _mask!.Span, dx.Span);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(Dropout)).Set("rate", Rate);

    internal static Dropout Create(LayerConfig config) => new(config.GetFloat("rate"));
}

namespace MLExt.Neural;

/// <summary>
/// What augmentation layers share: while training, each sample is transformed with parameters drawn from the
/// layer's own seeded generator (so the same seed augments the same way); at inference the layer is an exact
/// identity that returns its input. Backward applies the transpose of the transform used for each sample.
/// </summary>
public abstract class AugmentationLayer : Layer
{
    private RandomSource? _random;
    private Tensor? _output, _gradInput;
    private float[] _draws = [];
    private bool _lastWasTraining;

    private protected AugmentationLayer() { }

    /// <summary>The layer's generator (for checkpoints); available once built.</summary>
    public RandomSource Random => _random ?? throw new InvalidOperationException($"{TypeName} is not built.");

    /// <inheritdoc/>
    public override IReadOnlyList<RandomSource> RandomSources => [Random];

    /// <summary>Random values drawn per sample (0 for none).</summary>
    private protected abstract int DrawsPerSample { get; }

    /// <summary>Whether the layer's settings change anything (a zero range makes it an identity).</summary>
    private protected abstract bool IsActive { get; }

    /// <summary>Checks the per-sample shape; by default it must be an image [channels, height, width].</summary>
    private protected virtual void CheckShape(int[] inputShape) => ImageInput.Dimensions(TypeName, inputShape);

    /// <summary>Fills one sample's parameters.</summary>
    private protected abstract void Draw(RandomSource random, Span<float> draws);

    /// <summary>y = T(x) for one sample with its drawn parameters.</summary>
    private protected abstract void Apply(ReadOnlySpan<float> draws, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dx = Tᵀ(dy) for one sample with its drawn parameters.</summary>
    private protected abstract void ApplyTranspose(ReadOnlySpan<float> draws, ReadOnlySpan<float> dy, Span<float> dx);

    /// <summary>Channels, height and width of an image input (valid once built with an image shape).</summary>
    private protected (int Channels, int Height, int Width) Image => (InputShape[0], InputShape[1], InputShape[2]);

    /// <inheritdoc/>
    protected sealed override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        CheckShape(inputShape);
        _random = random.Fork();
        return inputShape;
    }

    /// <inheritdoc/>
    public sealed override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _lastWasTraining = training && IsActive;
        if (!_lastWasTraining) return input;
        int n = input.Rows, k = DrawsPerSample;
        if (_draws.Length < n * k) _draws = new float[n * k];
        var y = Tensor.Ensure(ref _output, input.Shape);
        for (int s = 0; s < n; s++)
        {
            var draws = _draws.AsSpan(s * k, k);
            Draw(Random, draws);
            Apply(draws, input.Row(s), y.Row(s));
        }
        return y;
    }

    /// <inheritdoc/>
    public sealed override Tensor Backward(Tensor outputGradient)
    {
        if (!_lastWasTraining) return outputGradient;
        int k = DrawsPerSample;
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Shape);
        for (int s = 0; s < outputGradient.Rows; s++)
            ApplyTranspose(_draws.AsSpan(s * k, k), outputGradient.Row(s), dx.Row(s));
        return dx;
    }

    /// <summary>A uniform value in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    private protected static float Uniform(RandomSource random, float low, float high) => low + (high - low) * random.NextFloat();
}

namespace MLExt.Neural;

/// <summary>
/// Layer normalisation: each sample is normalised over its last <c>normalizedRank</c> dimensions (the last
/// one by default; all of an image's with 3), x̂ = (x − μ) / √(σ² + ε), y = γ ⊙ x̂ + β with γ, β shaped like
/// those dimensions (ONNX LayerNormalization with axis = −normalizedRank). The same in training and inference.
/// </summary>
public sealed class LayerNormalization : Layer
{
    private Parameter? _gamma, _beta;
    private Parameter[] _parameters = [];
    private Tensor? _normalized, _output, _gradInput;
    private float[] _inverseStd = [];

    /// <summary>Creates an unbuilt layer normalisation.</summary>
    /// <param name="normalizedRank">How many trailing dimensions each group spans (default 1).</param>
    /// <param name="epsilon">ε added to the variance (default 1e-3).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public LayerNormalization(int normalizedRank = 1, float epsilon = 1e-3f)
    {
        if (normalizedRank < 1) throw new ArgumentOutOfRangeException(nameof(normalizedRank), normalizedRank, "normalizedRank must be at least 1.");
        if (!(epsilon > 0f) || !float.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive number.");
        NormalizedRank = normalizedRank;
        Epsilon = epsilon;
    }

    /// <summary>How many trailing dimensions each normalised group spans.</summary>
    public int NormalizedRank { get; }

    /// <summary>ε added to the variance.</summary>
    public float Epsilon { get; }

    /// <summary>Scale γ, shaped like the normalised dimensions, initially 1.</summary>
    public Parameter Gamma => _gamma ?? throw new InvalidOperationException("LayerNormalization is not built.");

    /// <summary>Offset β, shaped like the normalised dimensions, initially 0.</summary>
    public Parameter Beta => _beta ?? throw new InvalidOperationException("LayerNormalization is not built.");

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length < NormalizedRank)
            throw new ArgumentException($"LayerNormalization over the last {NormalizedRank} dimensions needs inputs of rank ≥ {NormalizedRank}, got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        int[] normalized = inputShape[^NormalizedRank..];
        _gamma = new Parameter("gamma", normalized, isWeight: false);
        _gamma.Value.Span.Fill(1f);
        _beta = new Parameter("beta", normalized, isWeight: false);
        _parameters = [_gamma, _beta];
        return inputShape;
    }

    private int GroupSize => Gamma.Value.Length;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int size = GroupSize, groups = input.Length / size;
        var xhat = Tensor.Ensure(ref _normalized, input.Shape);
        var y = Tensor.Ensure(ref _output, input.Shape);
        if (_inverseStd.Length < groups) _inverseStd = new float[groups];
        for (int group = 0; group < groups; group++)
        {
            var x = input.Span.Slice(group * size, size);
            // μ = mean(x), σ² = mean((x − μ)²)
            double sum = 0, squares = 0;
            foreach (float v in x) sum += v;
            double mean = sum / size;
            foreach (float v in x) squares += (v - mean) * (v - mean);
            float inverseStd = 1f / MathF.Sqrt((float)(squares / size) + Epsilon);
            _inverseStd[group] = inverseStd;
            // x̂ = (x − μ)/√(σ² + ε) ; y = γ ⊙ x̂ + β
            for (int i = 0; i < size; i++)
            {
                int at = group * size + i;
                xhat[at] = (float)(x[i] - mean) * inverseStd;
                y[at] = Gamma.Value[i] * xhat[at] + Beta.Value[i];
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var xhat = _normalized ?? throw new InvalidOperationException("LayerNormalization.Backward called before Forward.");
        int size = GroupSize, groups = outputGradient.Length / size;
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Shape);
        for (int group = 0; group < groups; group++)
        {
            // g = γ ⊙ dy ; dγ += dy ⊙ x̂ ; dβ += dy
            double sumG = 0, sumGXhat = 0;
            for (int i = 0; i < size; i++)
            {
                int at = group * size + i;
                float dy = outputGradient[at], g = Gamma.Value[i] * dy;
                Gamma.Gradient[i] += dy * xhat[at];
                Beta.Gradient[i] += dy;
                sumG += g;
                sumGXhat += g * (double)xhat[at];
            }
            // dx = (1/σ) · (g − mean(g) − x̂·mean(g ⊙ x̂))
            float meanG = (float)(sumG / size), meanGXhat = (float)(sumGXhat / size), inverseStd = _inverseStd[group];
            for (int i = 0; i < size; i++)
            {
                int at = group * size + i;
                dx[at] = inverseStd * (Gamma.Value[i] * outputGradient[at] - meanG - xhat[at] * meanGXhat);
            }
        }
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(LayerNormalization)).Set("normalizedRank", NormalizedRank).Set("epsilon", Epsilon);

    internal static LayerNormalization Create(LayerConfig config) => new(config.GetInt("normalizedRank"), config.GetFloat("epsilon"));
}

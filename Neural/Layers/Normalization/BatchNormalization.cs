namespace MLExt.Neural;

/// <summary>
/// Batch normalisation of each channel — the first per-sample dimension: a feature of a dense input
/// [features], a channel of an image [channels, height, width] — over the batch and the remaining dimensions.
/// Training: x̂ = (x − μ_B) / √(σ²_B + ε), y = γ·x̂ + β, and the running statistics move as
/// r ← momentum·r + (1 − momentum)·batch value (biased batch variance, as in Keras).
/// Inference: the same with the running mean and variance, so the output does not depend on the batch.
/// </summary>
public sealed class BatchNormalization : Layer
{
    private Parameter? _gamma, _beta, _runningMean, _runningVariance;
    private Parameter[] _parameters = [], _states = [];
    private Tensor? _normalized, _output, _gradInput;
    private float[] _inverseStd = [];
    private bool _usedBatchStatistics;

    /// <summary>Creates an unbuilt batch normalisation.</summary>
    /// <param name="momentum">Weight of the old running value in each update, in [0, 1) (default 0.99).</param>
    /// <param name="epsilon">ε added to the variance (default 1e-3).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public BatchNormalization(float momentum = 0.99f, float epsilon = 1e-3f)
    {
        if (!(momentum >= 0f && momentum < 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        if (!(epsilon > 0f) || !float.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive number.");
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>Weight of the old running value in each update.</summary>
    public float Momentum { get; }

    /// <summary>ε added to the variance.</summary>
    public float Epsilon { get; }

    /// <summary>
    /// Whether training normalises with the batch's statistics and moves the running ones (default true). False
    /// freezes them, as for a pretrained trunk being fine-tuned on small batches: training then normalises with the
    /// running mean and variance, like inference, and leaves them unchanged; γ and β still train unless the layer is
    /// frozen (<see cref="Layer.Trainable"/>).
    /// </summary>
    public bool UpdateStatistics { get; set; } = true;

    /// <inheritdoc/>
    internal override void CopyTrainingSettingsTo(Layer copy)
    {
        base.CopyTrainingSettingsTo(copy);
        if (copy is BatchNormalization normalization) normalization.UpdateStatistics = UpdateStatistics;
    }

    /// <inheritdoc/>
    internal override string TrainingSettingsText => base.TrainingSettingsText + (UpdateStatistics ? "" : " statistics-frozen");

    /// <summary>Scale γ <c>[channels]</c>, initially 1.</summary>
    public Parameter Gamma => _gamma ?? throw new InvalidOperationException("BatchNormalization is not built.");

    /// <summary>Offset β <c>[channels]</c>, initially 0.</summary>
    public Parameter Beta => _beta ?? throw new InvalidOperationException("BatchNormalization is not built.");

    /// <summary>Running mean <c>[channels]</c> used at inference, initially 0.</summary>
    public Parameter RunningMean => _runningMean ?? throw new InvalidOperationException("BatchNormalization is not built.");

    /// <summary>Running variance <c>[channels]</c> used at inference, initially 1.</summary>
    public Parameter RunningVariance => _runningVariance ?? throw new InvalidOperationException("BatchNormalization is not built.");

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> States => _states;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length == 0 || inputShape[0] <= 0)
            throw new ArgumentException($"BatchNormalization expects inputs [features] or [channels, ...] but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        int channels = inputShape[0];
        _gamma = new Parameter("gamma", [channels], isWeight: false);
        _gamma.Value.Span.Fill(1f);
        _beta = new Parameter("beta", [channels], isWeight: false);
        _runningMean = new Parameter("runningMean", [channels], isWeight: false);
        _runningVariance = new Parameter("runningVariance", [channels], isWeight: false);
        _runningVariance.Value.Span.Fill(1f);
        _inverseStd = new float[channels];
        _parameters = [_gamma, _beta];
        _states = [_runningMean, _runningVariance];
        return inputShape;
    }

    private int Channels => InputShape[0];

    /// <summary>Values per channel per sample (1 for dense inputs, H·W for images).</summary>
    private int Inner => Tensor.Product(InputShape.AsSpan(1));

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        bool batchStatistics = training && UpdateStatistics;
        _usedBatchStatistics = batchStatistics;
        int n = input.Rows, inner = Inner;
        var xhat = Tensor.Ensure(ref _normalized, input.Shape);
        var y = Tensor.Ensure(ref _output, input.Shape);
        for (int c = 0; c < Channels; c++)
        {
            float mean = RunningMean.Value[c], variance = RunningVariance.Value[c];
            if (batchStatistics)
            {
                // μ_B = mean(x_c), σ²_B = mean((x_c − μ_B)²)
                (mean, variance) = Moments(input, c, n, inner);
                RunningMean.Value[c] = Momentum * RunningMean.Value[c] + (1 - Momentum) * mean;
                RunningVariance.Value[c] = Momentum * RunningVariance.Value[c] + (1 - Momentum) * variance;
            }
            // x̂ = (x − μ) / √(σ² + ε) ; y = γ·x̂ + β
            float inverseStd = 1f / MathF.Sqrt(variance + Epsilon), gamma = Gamma.Value[c], beta = Beta.Value[c];
            _inverseStd[c] = inverseStd;
            for (int s = 0; s < n; s++)
            {
                int at = (s * Channels + c) * inner;
                for (int j = at; j < at + inner; j++)
                {
                    xhat[j] = (input[j] - mean) * inverseStd;
                    y[j] = gamma * xhat[j] + beta;
                }
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var xhat = _normalized ?? throw new InvalidOperationException("BatchNormalization.Backward called before Forward.");
        int n = outputGradient.Rows, inner = Inner;
        float m = n * inner;
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Shape);
        for (int c = 0; c < Channels; c++)
        {
            // dβ = Σ dy ; dγ = Σ dy·x̂
            double sumDy = 0, sumDyXhat = 0;
            for (int s = 0; s < n; s++)
                for (int j = (s * Channels + c) * inner, end = j + inner; j < end; j++)
                {
                    sumDy += outputGradient[j];
                    sumDyXhat += outputGradient[j] * (double)xhat[j];
                }
            Beta.Gradient[c] += (float)sumDy;
            Gamma.Gradient[c] += (float)sumDyXhat;
            // batch statistics: dx = γ/(m·σ) · (m·dy − Σ dy − x̂·Σ dy·x̂) ; running ones: dx = γ/σ · dy
            float scale = Gamma.Value[c] * _inverseStd[c];
            float meanDy = _usedBatchStatistics ? (float)(sumDy / m) : 0f;
            float meanDyXhat = _usedBatchStatistics ? (float)(sumDyXhat / m) : 0f;
            for (int s = 0; s < n; s++)
                for (int j = (s * Channels + c) * inner, end = j + inner; j < end; j++)
                    dx[j] = scale * (outputGradient[j] - meanDy - xhat[j] * meanDyXhat);
        }
        return dx;
    }

    private (float Mean, float Variance) Moments(Tensor input, int c, int n, int inner)
    {
        double sum = 0;
        for (int s = 0; s < n; s++)
            for (int j = (s * Channels + c) * inner, end = j + inner; j < end; j++) sum += input[j];
        double mean = sum / (n * inner), squares = 0;
        for (int s = 0; s < n; s++)
            for (int j = (s * Channels + c) * inner, end = j + inner; j < end; j++) squares += (input[j] - mean) * (input[j] - mean);
        return ((float)mean, (float)(squares / (n * inner)));
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(BatchNormalization)).Set("momentum", Momentum).Set("epsilon", Epsilon);

    internal static BatchNormalization Create(LayerConfig config) => new(config.GetFloat("momentum"), config.GetFloat("epsilon"));
}

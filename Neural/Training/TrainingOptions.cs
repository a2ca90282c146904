namespace MLExt.Neural;

/// <summary>Settings of one run of <see cref="TrainingLoop"/>. Validated by <see cref="Validate()"/>.</summary>
public sealed class TrainingOptions
{
    /// <summary>Passes over the training data (≥ 1).</summary>
    public int NumberOfEpochs { get; set; } = 10;

    /// <summary>Rows per gradient step (≥ 1).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>The update rule; its state is used and advanced (pass a fresh copy per run).</summary>
    public Optimizer Optimizer { get; set; } = null!;

    /// <summary>The loss minimised.</summary>
    public Loss Loss { get; set; } = null!;

    /// <summary>λ1 of the L1 penalty λ1·Σ|w| on weights (≥ 0).</summary>
    public float L1Regularization { get; set; }

    /// <summary>λ2 of the L2 penalty ½λ2·Σw² on weights (≥ 0).</summary>
    public float L2Regularization { get; set; }

    /// <summary>
    /// When set, gradients are scaled so their global L2 norm is at most this (&gt; 0). When neither this nor
    /// <see cref="GradientClipValue"/> is set, a network containing a recurrent layer (<see cref="RecurrentLayer"/>:
    /// SimpleRnn, Lstm, Gru, or a <see cref="Bidirectional"/> one) is clipped at <see cref="RecurrentGradientClipNorm"/>,
    /// because gradients through time can explode; other networks are not clipped. To train a recurrent network without
    /// clipping, set a very large value such as <see cref="float.MaxValue"/>.
    /// </summary>
    public float? GradientClipNorm { get; set; }

    /// <summary>The global-norm clip of networks with a recurrent layer when no clipping is set: 5.</summary>
    public const float RecurrentGradientClipNorm = 5f;

    /// <summary>When set, each gradient value is clamped to ±this (&gt; 0).</summary>
    public float? GradientClipValue { get; set; }

    /// <summary>Early stopping, or null to train every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>Whether to shuffle the rows each epoch.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>The per-epoch validation metric, or null for the loss only.</summary>
    public ValidationMetric? Metric { get; set; }

    /// <summary>Receives progress during each epoch and at its end.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Receives one line per epoch (for logs).</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Checked before every batch; cancelling stops training with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// When set, a <see cref="TrainingCheckpoint"/> is written to this file after every epoch (through a
    /// temporary file renamed into place, so an interruption never leaves a half-written checkpoint).
    /// </summary>
    public string? CheckpointPath { get; set; }

    /// <summary>
    /// When set, training continues from this checkpoint: weights, layer state, optimiser state, random
    /// generators, history and early-stopping progress are restored, and the epochs after
    /// <see cref="TrainingCheckpoint.EpochsCompleted"/> up to <see cref="NumberOfEpochs"/> are run. The
    /// network and optimiser must be those the checkpoint was written for.
    /// </summary>
    public TrainingCheckpoint? ResumeFrom { get; set; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentNullException">No optimizer or loss.</exception>
    public void Validate() => Validate(requireLoss: true, requireOptimizer: true);

    /// <summary>
    /// <see cref="Validate()"/> for a model graph's run, whose losses live in its <see cref="GraphObjective"/> and whose
    /// custom <see cref="TrainingStep"/> may bring its own optimisers.
    /// </summary>
    internal void Validate(bool requireLoss, bool requireOptimizer)
    {
        if (NumberOfEpochs < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfEpochs), NumberOfEpochs, "NumberOfEpochs must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (Optimizer is null && requireOptimizer) throw new ArgumentNullException(nameof(Optimizer), "An optimizer is required.");
        if (Loss is null && requireLoss) throw new ArgumentNullException(nameof(Loss), "A loss is required.");
        Optimizer?.Validate();
        Optimizer?.Schedule?.Validate();
        CheckNonNegative(L1Regularization, nameof(L1Regularization));
        CheckNonNegative(L2Regularization, nameof(L2Regularization));
        if (GradientClipNorm is float norm && !(norm > 0 && float.IsFinite(norm)))
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), norm, "GradientClipNorm must be a positive finite number (or null).");
        if (GradientClipValue is float value && !(value > 0 && float.IsFinite(value)))
            throw new ArgumentOutOfRangeException(nameof(GradientClipValue), value, "GradientClipValue must be a positive finite number (or null).");
        EarlyStopping?.Validate();
        if (CheckpointPath is not null && string.IsNullOrWhiteSpace(CheckpointPath))
            throw new ArgumentException("CheckpointPath must name a file (or be null).", nameof(CheckpointPath));
        if (ResumeFrom is { } checkpoint && checkpoint.EpochsCompleted > NumberOfEpochs)
            throw new ArgumentOutOfRangeException(nameof(NumberOfEpochs), NumberOfEpochs,
                $"The checkpoint to resume from has already completed {checkpoint.EpochsCompleted} epochs; NumberOfEpochs must be at least that.");
    }

    /// <summary>The global-norm clip applied to <paramref name="network"/>: <see cref="GradientClipNorm"/>, else the recurrent default, else none.</summary>
    internal float? EffectiveGradientClipNorm(Network network) => EffectiveGradientClipNorm(network.Layers);

    /// <summary>The global-norm clip for a model made of <paramref name="layers"/>.</summary>
    internal float? EffectiveGradientClipNorm(IReadOnlyList<Layer> layers)
    {
        if (GradientClipNorm is float norm) return norm;
        if (GradientClipValue is not null) return null;
        for (int i = 0; i < layers.Count; i++)
            if (layers[i] is RecurrentLayer or Bidirectional) return RecurrentGradientClipNorm;
        return null;
    }

    private static void CheckNonNegative(float value, string name)
    {
        if (!(value >= 0) || !float.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0.");
    }
}

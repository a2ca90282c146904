namespace MLExt.Neural;

/// <summary>
/// Settings of one run of <see cref="TrainingLoop"/>: the shared <see cref="TrainingSettings"/> plus the loss, the
/// metric, the log and the checkpoint to resume from. Validated by <see cref="Validate()"/>.
/// </summary>
public sealed class TrainingOptions : TrainingSettings
{
    /// <summary>The loss minimised.</summary>
    public Loss Loss { get; set; } = null!;

    /// <summary>The global-norm clip of networks with a recurrent layer when no clipping is set: 5.</summary>
    public const float RecurrentGradientClipNorm = TrainingDefaults.RecurrentGradientClipNorm;

    /// <summary>The per-epoch validation metric, or null for the loss only.</summary>
    public ValidationMetric? Metric { get; set; }

    /// <summary>Receives one line per epoch (for logs).</summary>
    public Action<string>? Log { get; set; }

    /// <summary>
    /// When set, training continues from this checkpoint: weights, layer state, optimiser state, random
    /// generators, history and early-stopping progress are restored, and the epochs after
    /// <see cref="TrainingCheckpoint.EpochsCompleted"/> up to <see cref="TrainingSettings.NumberOfEpochs"/> are run. The
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
        ValidateSettings(userName: null, requireOptimizer);
        if (Loss is null && requireLoss) throw new ArgumentNullException(nameof(Loss), "A loss is required.");
        if (ResumeFrom is { } checkpoint && checkpoint.EpochsCompleted > NumberOfEpochs)
            throw new ArgumentOutOfRangeException(nameof(NumberOfEpochs), NumberOfEpochs,
                $"The checkpoint to resume from has already completed {checkpoint.EpochsCompleted} epochs; NumberOfEpochs must be at least that.");
    }

    /// <summary>The global-norm clip applied to <paramref name="network"/>: <see cref="TrainingSettings.GradientClipNorm"/>, else the recurrent default, else none.</summary>
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
}

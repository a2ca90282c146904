namespace MLExt.Neural;

/// <summary>
/// The settings every training run shares, stated once: <see cref="TrainingOptions"/> (the engine's loop) and the ML.NET
/// trainers' options derive from this class, and one <see cref="ValidateSettings"/> checks them. Defaults come from
/// <see cref="TrainingDefaults"/>.
/// </summary>
public abstract class TrainingSettings
{
    /// <summary>Passes over the training data (≥ 1). Default <see cref="TrainingDefaults.NumberOfEpochs"/>.</summary>
    public int NumberOfEpochs { get; set; } = TrainingDefaults.NumberOfEpochs;

    /// <summary>Rows per gradient step (≥ 1). Default <see cref="TrainingDefaults.BatchSize"/>.</summary>
    public int BatchSize { get; set; } = TrainingDefaults.BatchSize;

    /// <summary>The update rule and its learning rate; its state is used and advanced (pass a fresh copy per run).</summary>
    public Optimizer Optimizer { get; set; } = null!;

    /// <summary>λ1 of the L1 penalty λ1·Σ|w| on weights, not biases (≥ 0). Default 0.</summary>
    public float L1Regularization { get; set; }

    /// <summary>λ2 of the L2 penalty ½λ2·Σw² on weights, not biases (≥ 0). Default 0.</summary>
    public float L2Regularization { get; set; }

    /// <summary>
    /// When set, gradients are scaled so their global L2 norm is at most this (&gt; 0). When neither this nor
    /// <see cref="GradientClipValue"/> is set, a network containing a recurrent layer (<see cref="RecurrentLayer"/>:
    /// SimpleRnn, Lstm, Gru, or a <see cref="Bidirectional"/> one) is clipped at
    /// <see cref="TrainingDefaults.RecurrentGradientClipNorm"/>, because gradients through time can explode; other
    /// networks are not clipped. To train a recurrent network without clipping, set a very large value such as
    /// <see cref="float.MaxValue"/>.
    /// </summary>
    public float? GradientClipNorm { get; set; }

    /// <summary>When set, each gradient value is clamped to ±this (&gt; 0).</summary>
    public float? GradientClipValue { get; set; }

    /// <summary>Early stopping, or null to train every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>Whether to shuffle the rows each epoch. Default true.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Receives progress during each epoch and at its end.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Checked before every batch; cancelling stops training with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// When set, a <see cref="TrainingCheckpoint"/> is written to this file after every epoch (through a
    /// temporary file renamed into place, so an interruption never leaves a half-written checkpoint).
    /// </summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Copies the shared settings (not the optimiser's state: <see cref="Optimizer"/> is copied by reference).</summary>
    public void CopySettingsTo(TrainingSettings target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.NumberOfEpochs = NumberOfEpochs;
        target.BatchSize = BatchSize;
        target.Optimizer = Optimizer;
        target.L1Regularization = L1Regularization;
        target.L2Regularization = L2Regularization;
        target.GradientClipNorm = GradientClipNorm;
        target.GradientClipValue = GradientClipValue;
        target.EarlyStopping = EarlyStopping;
        target.Shuffle = Shuffle;
        target.Progress = Progress;
        target.CancellationToken = CancellationToken;
        target.CheckpointPath = CheckpointPath;
    }

    /// <summary>
    /// Checks the shared settings with <see cref="SettingCheck"/>. <paramref name="userName"/> maps a property name
    /// (<c>NumberOfEpochs</c>, <c>BatchSize</c>, <c>LearningRate</c>, <c>L2Regularization</c>, …) to the name the user
    /// gave it, such as a command-line option; it returns null to keep the property name.
    /// </summary>
    /// <exception cref="SettingOutOfRangeException">A setting is out of range (named as the user wrote it).</exception>
    /// <exception cref="ArgumentNullException">No optimizer while <paramref name="requireOptimizer"/>.</exception>
    /// <exception cref="ArgumentException">An empty <see cref="CheckpointPath"/>.</exception>
    protected void ValidateSettings(Func<string, string?>? userName, bool requireOptimizer = true)
    {
        string Name(string property) => userName?.Invoke(property) ?? property;
        SettingCheck.AtLeastOne(NumberOfEpochs, Name(nameof(NumberOfEpochs)));
        SettingCheck.AtLeastOne(BatchSize, Name(nameof(BatchSize)));
        if (Optimizer is null && requireOptimizer)
            throw new ArgumentNullException(Name(nameof(Optimizer)), "An optimizer is required.");
        if (Optimizer is not null && userName?.Invoke(nameof(Optimizer.LearningRate)) is { } learningRate)
            SettingCheck.Positive(Optimizer.LearningRate, learningRate);
        Optimizer?.Validate();
        Optimizer?.Schedule?.Validate();
        SettingCheck.NonNegative(L1Regularization, Name(nameof(L1Regularization)));
        SettingCheck.NonNegative(L2Regularization, Name(nameof(L2Regularization)));
        SettingCheck.PositiveOrNull(GradientClipNorm, Name(nameof(GradientClipNorm)));
        SettingCheck.PositiveOrNull(GradientClipValue, Name(nameof(GradientClipValue)));
        EarlyStopping?.Validate();
        if (CheckpointPath is not null && string.IsNullOrWhiteSpace(CheckpointPath))
            throw new ArgumentException($"{Name(nameof(CheckpointPath))} must name a file (or be null).", Name(nameof(CheckpointPath)));
    }
}

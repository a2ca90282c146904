namespace MLExt.Neural;

/// <summary>
/// Settings of <see cref="GanTraining.Fit"/>: the noise size, the number of classes of a conditional GAN, one-sided
/// label smoothing, the two Adam optimisers (DCGAN's 2e-4 and β₁ = 0.5 by default), epochs, batch size and seed.
/// Checked in one place by <see cref="Validate"/>.
/// </summary>
public sealed class GanOptions
{
    /// <summary>Size of the noise vector z ~ N(0, I) (default 100).</summary>
    public int NoiseSize { get; set; } = 100;

    /// <summary>Classes of a conditional GAN (the one-hot class is given to both networks); 0 for an unconditional
    /// one (default).</summary>
    public int Classes { get; set; }

    /// <summary>One-sided label smoothing: real images are pushed towards 1 − s instead of 1, fakes stay at 0
    /// (Salimans et al. 2016); in [0, 0.5), default 0.</summary>
    public float LabelSmoothing { get; set; }

    /// <summary>Adam's learning rate for both networks (default 2e-4).</summary>
    public float LearningRate { get; set; } = 2e-4f;

    /// <summary>Adam's β₁ for both networks (default 0.5).</summary>
    public float Beta1 { get; set; } = 0.5f;

    /// <summary>Passes over the real images (default 10).</summary>
    public int NumberOfEpochs { get; set; } = 10;

    /// <summary>Real images per step; each step also draws as many fakes (default 64).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Seed of the noise, the fake classes and the shuffling.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Receives the loop's progress (synchronously); <see cref="TrainingProgress.EpochCompleted"/> marks the end
    /// of each epoch.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Cancels training between batches.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// Throws when a setting is out of range. <paramref name="userName"/> maps a property name to the name the user
    /// gave it (a command-line option); null keeps the property name.
    /// </summary>
    /// <exception cref="SettingOutOfRangeException">A setting is out of range, named as the user wrote it.</exception>
    public void Validate(Func<string, string?>? userName = null)
    {
        string Name(string property) => userName?.Invoke(property) ?? property;
        SettingCheck.AtLeastOne(NoiseSize, Name(nameof(NoiseSize)));
        SettingCheck.AtLeastZero(Classes, Name(nameof(Classes)));
        SettingCheck.Require(LabelSmoothing is >= 0 and < 0.5f, Name(nameof(LabelSmoothing)), LabelSmoothing, "at least 0 and below 0.5");
        SettingCheck.Positive(LearningRate, Name(nameof(LearningRate)));
        SettingCheck.Fraction(Beta1, Name(nameof(Beta1)));
        SettingCheck.AtLeastOne(NumberOfEpochs, Name(nameof(NumberOfEpochs)));
        SettingCheck.AtLeastOne(BatchSize, Name(nameof(BatchSize)));
    }

    /// <summary>One Adam optimiser with these settings (each network gets its own).</summary>
    internal AdamOptimizer CreateOptimizer() => new() { LearningRate = LearningRate, Beta1 = Beta1 };
}

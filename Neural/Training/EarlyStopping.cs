namespace MLExt.Neural;

/// <summary>
/// Stops training when the monitored quantity has not improved by more than <see cref="MinDelta"/>
/// for <see cref="Patience"/> epochs in a row. It monitors the validation loss when there is
/// validation data (or the validation metric when <see cref="Monitor"/> says so), and the training
/// loss otherwise.
/// </summary>
public sealed class EarlyStopping
{
    /// <summary>Epochs without improvement before stopping (at least 1). Default 5.</summary>
    public int Patience { get; set; } = 5;

    /// <summary>The smallest change that counts as an improvement (≥ 0). Default 0.</summary>
    public float MinDelta { get; set; }

    /// <summary>Whether to put back the weights of the best epoch when training ends. Default true.</summary>
    public bool RestoreBestWeights { get; set; } = true;

    /// <summary>What to monitor. Default <see cref="EarlyStoppingMonitor.ValidationLoss"/>.</summary>
    public EarlyStoppingMonitor Monitor { get; set; } = EarlyStoppingMonitor.ValidationLoss;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming the setting.</exception>
    public void Validate()
    {
        if (Patience < 1) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "EarlyStopping.Patience must be at least 1.");
        if (!(MinDelta >= 0) || !float.IsFinite(MinDelta)) throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "EarlyStopping.MinDelta must be a finite number ≥ 0.");
    }
}

namespace MLExt.Neural;

/// <summary>
/// Cosine annealing by epoch (Loshchilov &amp; Hutter's SGDR without restarts, PyTorch's
/// <c>CosineAnnealingLR</c> in closed form): η_e = η_min + ½(η − η_min)(1 + cos(π·min(e, T)/T)),
/// so the rate falls from η at epoch 0 to η_min at epoch T and stays there.
/// </summary>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>Epochs T over which the rate anneals; required, at least 1.</summary>
    public required int TotalEpochs { get; set; }

    /// <summary>Floor η_min ≥ 0 reached at epoch T (default 0).</summary>
    public float MinimumLearningRate { get; set; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> or <paramref name="epoch"/> is negative.</exception>
    public override float GetLearningRate(float baseRate, long step, int epoch)
    {
        ScheduleArguments.Check(step, epoch);
        // η_min + ½(η − η_min)(1 + cos(π·min(e, T)/T))
        double progress = Math.Min(epoch, TotalEpochs) / (double)TotalEpochs;
        return (float)(MinimumLearningRate + 0.5 * (baseRate - (double)MinimumLearningRate) * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="TotalEpochs"/> is below 1 or <see cref="MinimumLearningRate"/> is negative or not finite.
    /// </exception>
    public override void Validate()
    {
        SettingChecks.PositiveCount(TotalEpochs, nameof(TotalEpochs), nameof(CosineAnnealing));
        SettingChecks.NonNegative(MinimumLearningRate, nameof(MinimumLearningRate), nameof(CosineAnnealing));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(CosineAnnealing)}(TotalEpochs={TotalEpochs}, MinimumLearningRate={MinimumLearningRate})";
}

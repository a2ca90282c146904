namespace MLExt.Neural;

/// <summary>
/// Exponential decay by epoch: η_e = η·γ^e (PyTorch's <c>ExponentialLR</c>).
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Factor γ in (0, 1] applied once per epoch (default 0.95).</summary>
    public float Gamma { get; set; } = 0.95f;

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> or <paramref name="epoch"/> is negative.</exception>
    public override float GetLearningRate(float baseRate, long step, int epoch)
    {
        ScheduleArguments.Check(step, epoch);
        // η·γ^epoch
        return (float)(baseRate * Math.Pow(Gamma, epoch));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Gamma"/> is outside (0, 1].</exception>
    public override void Validate() => SettingChecks.DecayFactor(Gamma, nameof(Gamma), nameof(ExponentialDecay));

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(ExponentialDecay)}(Gamma={Gamma})";
}

namespace MLExt.Neural;

/// <summary>
/// Step decay by epoch: the rate is multiplied by <see cref="Gamma"/> every <see cref="StepSize"/>
/// epochs, η_e = η·γ^⌊e / StepSize⌋ (PyTorch's <c>StepLR</c>).
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Epochs between decays, at least 1 (default 10).</summary>
    public int StepSize { get; set; } = 10;

    /// <summary>Factor γ in (0, 1] applied at each decay (default 0.1).</summary>
    public float Gamma { get; set; } = 0.1f;

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> or <paramref name="epoch"/> is negative.</exception>
    public override float GetLearningRate(float baseRate, long step, int epoch)
    {
        ScheduleArguments.Check(step, epoch);
        // η·γ^⌊epoch/StepSize⌋
        return (float)(baseRate * Math.Pow(Gamma, epoch / StepSize));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="StepSize"/> is below 1 or <see cref="Gamma"/> is outside (0, 1].</exception>
    public override void Validate()
    {
        SettingChecks.PositiveCount(StepSize, nameof(StepSize), nameof(StepDecay));
        SettingChecks.DecayFactor(Gamma, nameof(Gamma), nameof(StepDecay));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(StepDecay)}(StepSize={StepSize}, Gamma={Gamma})";
}

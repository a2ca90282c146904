namespace MLExt.Neural;

/// <summary>
/// Linear warm-up by optimiser step: for step s &lt; W the rate is r(s)·(s + 1)/W, where r is the
/// rate of the inner schedule <see cref="Then"/> at the same step and epoch (or the base rate when
/// <see cref="Then"/> is null); from step W on it is r(s) unchanged. The inner schedule sees the
/// same step and epoch numbers, not numbers counted from the end of the warm-up.
/// </summary>
public sealed class LinearWarmup : LearningRateSchedule
{
    /// <summary>Steps W over which the rate ramps up to the inner schedule's; required, at least 1.</summary>
    public required int WarmupSteps { get; set; }

    /// <summary>The schedule to warm up into; null (the default) keeps the base rate after the warm-up.</summary>
    public LearningRateSchedule? Then { get; set; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> or <paramref name="epoch"/> is negative.</exception>
    public override float GetLearningRate(float baseRate, long step, int epoch)
    {
        ScheduleArguments.Check(step, epoch);
        float rate = Then?.GetLearningRate(baseRate, step, epoch) ?? baseRate;
        // r(s)·(s + 1)/W while s < W, then r(s)
        return step < WarmupSteps ? (float)(rate * ((step + 1) / (double)WarmupSteps)) : rate;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="WarmupSteps"/> is below 1, <see cref="Then"/> contains this schedule, or a setting of
    /// <see cref="Then"/> is out of range.
    /// </exception>
    public override void Validate()
    {
        SettingChecks.PositiveCount(WarmupSteps, nameof(WarmupSteps), nameof(LinearWarmup));
        var seen = new HashSet<LinearWarmup>(ReferenceEqualityComparer.Instance) { this };
        for (var inner = Then; inner is LinearWarmup warmup; inner = warmup.Then)
            SettingChecks.Require(seen.Add(warmup), "a cycle", nameof(Then), nameof(LinearWarmup), "a schedule that does not contain itself");
        Then?.Validate();
    }

    /// <inheritdoc/>
    public override string ToString() => Describe(this, 0);

    // Nested warm-ups are spelled out to a bounded depth, so a cyclic (invalid) chain still prints.
    private static string Describe(LearningRateSchedule? schedule, int depth) => schedule switch
    {
        null => "constant",
        LinearWarmup warmup when depth < 4 => $"{nameof(LinearWarmup)}(WarmupSteps={warmup.WarmupSteps}, Then={Describe(warmup.Then, depth + 1)})",
        LinearWarmup => "…",
        _ => schedule.ToString() ?? schedule.GetType().Name,
    };
}

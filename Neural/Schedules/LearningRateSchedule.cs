namespace MLExt.Neural;

/// <summary>Maps the base learning rate to the rate used at a given step and epoch.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>
    /// The learning rate for optimiser step <paramref name="step"/> (0-based, counted over the whole
    /// run) during epoch <paramref name="epoch"/> (0-based), from base rate <paramref name="baseRate"/>.
    /// </summary>
    public abstract float GetLearningRate(float baseRate, long step, int epoch);

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public abstract void Validate();
}

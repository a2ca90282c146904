namespace MLExt.Neural;

/// <summary>Argument checks shared by the learning-rate schedules.</summary>
internal static class ScheduleArguments
{
    /// <summary>Throws when <paramref name="step"/> or <paramref name="epoch"/> is negative.</summary>
    public static void Check(long step, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
    }
}

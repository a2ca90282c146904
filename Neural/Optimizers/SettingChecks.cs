namespace MLExt.Neural;

/// <summary>
/// Range checks shared by optimisers, schedules and regularisers. Each throws an
/// <see cref="ArgumentOutOfRangeException"/> whose <c>ParamName</c> is the setting's name and whose
/// message reads "<c>Owner.Setting must be ….</c>" (followed by the actual value).
/// </summary>
internal static class SettingChecks
{
    /// <summary>Requires a finite value &gt; 0.</summary>
    public static void Positive(float value, string paramName, string owner) =>
        Require(value > 0f && float.IsFinite(value), value, paramName, owner, "a positive finite number");

    /// <summary>Requires a finite value ≥ 0.</summary>
    public static void NonNegative(float value, string paramName, string owner) =>
        Require(value >= 0f && float.IsFinite(value), value, paramName, owner, "a finite number ≥ 0");

    /// <summary>Requires a value in [0, 1).</summary>
    public static void Fraction(float value, string paramName, string owner) =>
        Require(value >= 0f && value < 1f, value, paramName, owner, "in [0, 1)");

    /// <summary>Requires a value in (0, 1].</summary>
    public static void DecayFactor(float value, string paramName, string owner) =>
        Require(value > 0f && value <= 1f, value, paramName, owner, "in (0, 1]");

    /// <summary>Requires an integer ≥ 1.</summary>
    public static void PositiveCount(long value, string paramName, string owner) =>
        Require(value > 0, value, paramName, owner, "at least 1");

    /// <summary>Requires an integer ≥ 0.</summary>
    public static void NonNegativeCount(long value, string paramName, string owner) =>
        Require(value >= 0, value, paramName, owner, "at least 0");

    /// <summary>Throws unless <paramref name="valid"/>, saying that the setting must be <paramref name="range"/>.</summary>
    public static void Require<T>(bool valid, T value, string paramName, string owner, string range)
    {
        if (!valid)
            throw new ArgumentOutOfRangeException(paramName, value, $"{owner}.{paramName} must be {range}.");
    }
}

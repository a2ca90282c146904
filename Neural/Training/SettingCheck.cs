namespace MLExt.Neural;

/// <summary>
/// The one range checker of MLExt's settings, in the style of ML.NET's <c>CheckUserArg</c>: each check names the
/// setting as the user wrote it (the caller passes that name) and says what it must be. Options classes, trainers
/// and the command line use it, so a range and its wording are stated once.
/// </summary>
public static class SettingCheck
{
    /// <summary>Throws <see cref="SettingOutOfRangeException"/> unless <paramref name="valid"/>.</summary>
    public static void Require(bool valid, string setting, object? value, string expected)
    {
        if (!valid) throw new SettingOutOfRangeException(setting, value, expected);
    }

    /// <summary>Requires an integer of at least 1; returns it.</summary>
    public static int AtLeastOne(int value, string setting)
    {
        Require(value >= 1, setting, value, "at least 1");
        return value;
    }

    /// <summary>Requires an integer of at least 0; returns it.</summary>
    public static int AtLeastZero(int value, string setting)
    {
        Require(value >= 0, setting, value, "at least 0");
        return value;
    }

    /// <summary>Requires a finite number above 0; returns it.</summary>
    public static float Positive(float value, string setting)
    {
        Require(value > 0 && float.IsFinite(value), setting, value, "a positive number");
        return value;
    }

    /// <summary>Requires null or a finite number above 0; returns it.</summary>
    public static float? PositiveOrNull(float? value, string setting)
    {
        Require(value is null || (value > 0 && float.IsFinite(value.Value)), setting, value, "a positive number (or null)");
        return value;
    }

    /// <summary>Requires a finite number of at least 0; returns it.</summary>
    public static float NonNegative(float value, string setting)
    {
        Require(value >= 0 && float.IsFinite(value), setting, value, "a number ≥ 0");
        return value;
    }

    /// <summary>Requires <c>0 ≤ value &lt; 1</c>; returns it.</summary>
    public static float Fraction(float value, string setting)
    {
        Require(value is >= 0 and < 1, setting, value, "at least 0 and below 1");
        return value;
    }

    /// <summary>Requires <c>0 &lt; value &lt; 1</c>; returns it.</summary>
    public static float OpenFraction(float value, string setting)
    {
        Require(value is > 0 and < 1, setting, value, "between 0 and 1 (exclusive)");
        return value;
    }
}

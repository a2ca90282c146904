namespace MLExt.Neural;

/// <summary>
/// A setting outside its range, thrown by <see cref="SettingCheck"/>. <see cref="ArgumentException.ParamName"/> and
/// <see cref="Setting"/> give the setting as the user wrote it (an options property such as <c>NumberOfEpochs</c>,
/// or a command-line option such as <c>--epochs</c>).
/// </summary>
public sealed class SettingOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception; the message reads "<c>{setting} must be {expected}.</c>".</summary>
    public SettingOutOfRangeException(string setting, object? value, string expected)
        : base(setting, value, $"{setting} must be {expected}.")
    {
        Setting = setting;
        Expected = expected;
    }

    /// <summary>The setting's name as the user wrote it.</summary>
    public string Setting { get; }

    /// <summary>What the setting must be, such as <c>at least 1</c>.</summary>
    public string Expected { get; }
}

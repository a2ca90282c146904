using System.Globalization;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary>Range checks for option values, run before any work; each failure names the option and what it expects.</summary>
internal static class OptionRules
{
    /// <summary>Requires an integer of at least 1.</summary>
    public static int AtLeastOne(string option, int value) => Check(() => SettingCheck.AtLeastOne(value, option));

    /// <summary>Requires an integer of at least 0.</summary>
    public static int AtLeastZero(string option, int value) => Check(() => SettingCheck.AtLeastZero(value, option));

    /// <summary>Requires a finite number greater than 0.</summary>
    public static float Positive(string option, float value) => Check(() => SettingCheck.Positive(value, option));

    /// <summary>Requires a finite number of at least 0.</summary>
    public static float NonNegative(string option, float value) => Check(() => SettingCheck.NonNegative(value, option));

    /// <summary>Requires <c>0 ≤ value &lt; 1</c>.</summary>
    public static float Fraction(string option, float value) => Check(() => SettingCheck.Fraction(value, option));

    /// <summary>Requires <c>0 &lt; value &lt; 1</c>.</summary>
    public static float OpenFraction(string option, float value) => Check(() => SettingCheck.OpenFraction(value, option));

    /// <summary>
    /// Trainer options built from command-line values, checked by the options' own <see cref="NeuralNetworkOptions.Validate"/>
    /// with each property named as the command line spells it (<c>--epochs</c>, <c>--learning-rate</c>, …).
    /// </summary>
    public static T Trainer<T>(T options) where T : NeuralNetworkOptions => Check(() =>
    {
        options.Validate(property => OptionNames.GetValueOrDefault(property));
        return options;
    });

    // The trainer options the CLI sets, by the name the user typed.
    private static readonly Dictionary<string, string> OptionNames = new()
    {
        [nameof(NeuralNetworkOptions.NumberOfEpochs)] = "--epochs",
        [nameof(NeuralNetworkOptions.BatchSize)] = "--batch-size",
        [nameof(Optimizer.LearningRate)] = "--learning-rate",
        [nameof(NeuralNetworkOptions.L2Regularization)] = "--l2",
        [nameof(NeuralNetworkOptions.ValidationFraction)] = "--validation-fraction",
    };

    /// <summary>Parses a comma-separated list of positive layer sizes such as <c>256,128</c>.</summary>
    public static int[] LayerSizes(string option, string value)
    {
        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                throw new UserException($"{option} must be a comma-separated list of positive layer sizes such as 256,128, got '{value}'");
        return sizes;
    }

    /// <summary>Splits comma-separated (or repeated) column names, dropping empty entries.</summary>
    public static string[] ColumnList(IEnumerable<string>? values) =>
        values is null ? [] : values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();

    /// <summary>Null, or a file path whose folder exists (or can be created) and that is not a folder itself.</summary>
    public static string? OutputFile(string option, string? path)
    {
        if (path is null)
            return null;
        if (string.IsNullOrWhiteSpace(path) || Directory.Exists(path))
            throw new UserException($"{option} must name a file, got '{path}'");
        return path;
    }

    // The one checker's verdict as a one-line user error that also gives the value typed.
    private static T Check<T>(Func<T> check)
    {
        try
        {
            return check();
        }
        catch (SettingOutOfRangeException e)
        {
            string value = e.ActualValue is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : $"{e.ActualValue}";
            throw new UserException($"{e.Setting} must be {e.Expected}, got {value}");
        }
    }
}

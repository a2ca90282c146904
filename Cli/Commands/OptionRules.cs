using System.Globalization;

namespace MLExt.Cli.Commands;

/// <summary>Range checks for option values, run before any work; each failure names the option and what it expects.</summary>
internal static class OptionRules
{
    /// <summary>Requires an integer of at least <paramref name="minimum"/>.</summary>
    public static int AtLeast(string option, int minimum, int value) =>
        value >= minimum ? value : throw Fail(option, $"must be at least {minimum}", value);

    /// <summary>Requires an integer of at least 1.</summary>
    public static int AtLeastOne(string option, int value) =>
        value >= 1 ? value : throw Fail(option, "must be at least 1", value);

    /// <summary>Requires an integer of at least 0.</summary>
    public static int AtLeastZero(string option, int value) =>
        value >= 0 ? value : throw Fail(option, "must be at least 0", value);

    /// <summary>Requires a finite number greater than 0.</summary>
    public static float Positive(string option, float value) =>
        value > 0 && float.IsFinite(value) ? value : throw Fail(option, "must be a positive number", value);

    /// <summary>Requires a finite number of at least 0.</summary>
    public static float NonNegative(string option, float value) =>
        value >= 0 && float.IsFinite(value) ? value : throw Fail(option, "must be a number ≥ 0", value);

    /// <summary>Requires a finite number.</summary>
    public static double Finite(string option, double value) =>
        double.IsFinite(value) ? value : throw Fail(option, "must be a finite number", value);

    /// <summary>Requires <c>0 ≤ value &lt; 1</c>.</summary>
    public static float Fraction(string option, float value) =>
        value is >= 0 and < 1 ? value : throw Fail(option, "must be at least 0 and below 1", value);

    /// <summary>Requires <c>0 &lt; value &lt; 1</c>.</summary>
    public static float OpenFraction(string option, float value) =>
        value is > 0 and < 1 ? value : throw Fail(option, "must be between 0 and 1 (exclusive)", value);

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

    /// <summary>An existing file to read; a folder or a missing path fails naming the option and saying which it is.</summary>
    public static string InputFile(string option, string path)
    {
        if (Directory.Exists(path))
            throw new UserException($"{option}: '{path}' is a folder; name a file");
        return File.Exists(path) ? path : throw new UserException($"{option}: file '{path}' does not exist");
    }

    /// <summary>Null, or a file path whose folder exists (or can be created) and that is not a folder itself.</summary>
    public static string? OutputFile(string option, string? path)
    {
        if (path is null)
            return null;
        if (string.IsNullOrWhiteSpace(path) || Directory.Exists(path))
            throw new UserException($"{option} must name a file, got '{path}'");
        return path;
    }

    private static UserException Fail(string option, string expected, IFormattable value) =>
        new($"{option} {expected}, got {value.ToString(null, CultureInfo.InvariantCulture)}");
}

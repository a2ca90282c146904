using System.Globalization;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary>Range checks for option values, run before any work; each failure names the option and what it expects.</summary>
internal static class OptionRules
{
    /// <summary>Requires an integer of at least <paramref name="minimum"/>.</summary>
    public static int AtLeast(string option, int minimum, int value) =>
        value >= minimum ? value : throw Fail(option, $"must be at least {minimum}", value);

    /// <summary>Requires an integer of at least 1.</summary>
    public static int AtLeastOne(string option, int value) => Check(() => SettingCheck.AtLeastOne(value, option));

    /// <summary>Requires an integer of at least 0.</summary>
    public static int AtLeastZero(string option, int value) => Check(() => SettingCheck.AtLeastZero(value, option));

    /// <summary>Requires a finite number greater than 0.</summary>
    public static float Positive(string option, float value) => Check(() => SettingCheck.Positive(value, option));

    /// <summary>Requires a finite number of at least 0.</summary>
    public static float NonNegative(string option, float value) => Check(() => SettingCheck.NonNegative(value, option));

    /// <summary>Requires a finite number.</summary>
    public static double Finite(string option, double value) =>
        double.IsFinite(value) ? value : throw Fail(option, "must be a finite number", value);

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

    /// <summary>GAN options built from command-line values, checked by <see cref="GanOptions.Validate"/> with each
    /// property named as <c>mlext gan</c> spells it.</summary>
    public static GanOptions Gan(GanOptions options) => Check(() =>
    {
        options.Validate(property => GanOptionNames.GetValueOrDefault(property));
        return options;
    });

    private static readonly Dictionary<string, string> GanOptionNames = new()
    {
        [nameof(GanOptions.NoiseSize)] = "--noise",
        [nameof(GanOptions.LabelSmoothing)] = "--label-smoothing",
        [nameof(GanOptions.LearningRate)] = "--learning-rate",
        [nameof(GanOptions.Beta1)] = "--beta1",
        [nameof(GanOptions.NumberOfEpochs)] = "--epochs",
        [nameof(GanOptions.BatchSize)] = "--batch-size",
    };

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
        NetworkSize(option, value, sizes);
        return sizes;
    }

    /// <summary>Most parameters of a network the CLI trains: 100 million, 400 MB of float32 weights, about 1.6 GB
    /// with their gradients and Adam's two moments.</summary>
    public const long MaxParameters = 100_000_000;

    /// <summary>
    /// Requires the embedding table (<c>--vocabulary</c> × <c>--embedding</c>) and a sequence layer of that width
    /// (about 12 × <c>--embedding</c>², an LSTM's or a Transformer block's weights) to stay within <see cref="MaxParameters"/>.
    /// </summary>
    public static void EmbeddingSize(int vocabulary, int dimension)
    {
        long parameters = (long)vocabulary * dimension + 12L * dimension * dimension;
        if (parameters > MaxParameters)
            throw new UserException($"--vocabulary {vocabulary} with --embedding {dimension} makes a network of about {parameters:N0} parameters " +
                $"(at most {MaxParameters:N0}); use a smaller vocabulary or embedding");
    }

    // The fewest parameters hidden layers of these widths can have (one input, one output), checked before any work:
    // an oversized network would otherwise train for minutes and then fail allocating an array.
    private static void NetworkSize(string option, string value, int[] widths)
    {
        long parameters = 0, previous = 1;
        foreach (long width in widths.Append(1))
        {
            parameters += (previous + 1) * width;
            previous = width;
            if (parameters > MaxParameters)
                throw new UserException($"{option} {value} makes a network of more than {MaxParameters:N0} parameters " +
                    $"({MaxParameters * 4 / 1_000_000:N0} MB of weights, about four times that to train); use smaller layers");
        }
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

    private static UserException Fail(string option, string expected, IFormattable value) =>
        new($"{option} {expected}, got {value.ToString(null, CultureInfo.InvariantCulture)}");
}

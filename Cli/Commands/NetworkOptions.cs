using System.CommandLine;
using System.Globalization;
using MLExt.Cli.Text;
using MLExt.Cli.Training;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary>
/// The network options shared by <c>train</c> and <c>cv</c>. An option left out takes its value from
/// <see cref="TabularDefaults"/>, and <see cref="NetworkChoice.DefaultsUsed"/> says which did so the CLI can print it.
/// </summary>
internal sealed class NetworkOptions
{
    private readonly Option<string> _layers = new("--layers") { Description = $"Hidden layer widths, comma-separated; ReLU (default {TabularDefaults.Layers}).", HelpName = "WIDTHS" };
    private readonly Option<int?> _epochs = new("--epochs") { Description = $"Most passes over the training rows (default {TabularDefaults.Epochs}; early stopping usually ends sooner)." };
    private readonly Option<float?> _learningRate = new("--learning-rate") { Description = $"Adam learning rate, > 0 (default {Invariant(TabularDefaults.LearningRate)})." };
    private readonly Option<int?> _batchSize = new("--batch-size")
    {
        Description = $"Rows per gradient step, ≥ 1 (default: training rows/{TabularDefaults.RowsPerBatchStep}, within {TabularDefaults.MinimumBatch}–{TabularDefaults.MaximumBatch}).",
    };
    private readonly Option<float?> _dropout = new("--dropout") { Description = $"Dropout rate after each hidden layer, in [0, 1) (default {Invariant(TabularDefaults.Dropout)})." };
    private readonly Option<float?> _l2 = new("--l2") { Description = $"L2 penalty on the weights, ≥ 0 (default {Invariant(TabularDefaults.L2)})." };
    private readonly Option<float?> _validationFraction = new("--validation-fraction")
    {
        Description = $"Fraction of the training rows held out to validate after each epoch, in [0, 1); 0 turns validation off (default {Invariant(TabularDefaults.ValidationFraction)}).",
    };
    private readonly Option<int?> _patience = new("--patience")
    {
        Description = $"Early stopping: stop after this many epochs without a better validation loss and keep the best weights; 0 turns it off (default {TabularDefaults.Patience}).",
    };
    private readonly Option<string> _labelScaling = new("--label-scaling")
    {
        Description = "Regression: how the label is scaled for training, undone in the model: standardize (default), log (log, then standardize; labels > 0) or none.",
        DefaultValueFactory = _ => "standardize",
    };

    public NetworkOptions() => _labelScaling.AcceptOnlyFromAmong("standardize", "log", "none");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _layers, _epochs, _learningRate, _batchSize, _dropout, _l2, _validationFraction, _patience, _labelScaling })
            command.Options.Add(option);
    }

    /// <summary>The settings asked for, defaults filled in; the batch size stays 0 (from the row count) unless given.</summary>
    public NetworkChoice Parse(ParseResult parseResult, int seed, Text.TextFeature? text, TaskKind task)
    {
        var used = new List<string>();
        T Pick<T>(T? given, T fallback, string name) where T : struct
        {
            if (given is { } value) return value;
            used.Add(name);
            return fallback;
        }
        string layers = parseResult.GetValue(_layers) ?? Used(used, "layers " + TabularDefaults.Layers, TabularDefaults.Layers);
        float dropout = OptionRules.Fraction("--dropout", Pick(parseResult.GetValue(_dropout), TabularDefaults.Dropout, $"dropout {Invariant(TabularDefaults.Dropout)}"));
        var hidden = NetworkSettings.ReluLayers(OptionRules.LayerSizes("--layers", layers), dropout);
        int epochs = OptionRules.AtLeastOne("--epochs", Pick(parseResult.GetValue(_epochs), TabularDefaults.Epochs, $"up to {TabularDefaults.Epochs} epochs"));
        float learningRate = OptionRules.Positive("--learning-rate",
            Pick(parseResult.GetValue(_learningRate), TabularDefaults.LearningRate, $"Adam lr {Invariant(TabularDefaults.LearningRate)}"));
        int batch = parseResult.GetValue(_batchSize) is { } b ? OptionRules.AtLeastOne("--batch-size", b) : 0;
        if (batch == 0) used.Add("batch from the row count");
        float l2 = OptionRules.NonNegative("--l2", Pick(parseResult.GetValue(_l2), TabularDefaults.L2, $"L2 {Invariant(TabularDefaults.L2)}"));
        float validation = OptionRules.Fraction("--validation-fraction",
            Pick(parseResult.GetValue(_validationFraction), TabularDefaults.ValidationFraction, $"{Invariant(TabularDefaults.ValidationFraction * 100)}% validation"));
        int patience = OptionRules.AtLeastZero("--patience", Pick(parseResult.GetValue(_patience), TabularDefaults.Patience, $"patience {TabularDefaults.Patience}"));
        string scalingName = parseResult.GetValue(_labelScaling)!;
        if (task != TaskKind.Regression && scalingName != "standardize")
            throw new UserException($"--label-scaling {scalingName} applies to a regression label; --task is {task.ToString().ToLowerInvariant()}");
        var scaling = scalingName switch
        {
            "log" => RegressionLabelScaling.LogStandardize,
            "none" => RegressionLabelScaling.None,
            _ => RegressionLabelScaling.Standardize,
        };
        var settings = new NetworkSettings(text?.HiddenLayers(hidden) ?? hidden, epochs, learningRate, batch, l2, seed, validation, patience,
            text?.GradientClipNorm, scaling);
        if (text is { WithFeatures: true })
            settings = settings with
            {
                Graph = TwoInputNetwork.Create(text.Network, text.Settings, hidden),
                GraphInputColumns = new Dictionary<string, string>
                {
                    [TwoInputNetwork.TokensInput] = TabularDataset.TokensColumn, [TwoInputNetwork.NumbersInput] = TabularDataset.FeaturesColumn,
                },
            };
        return new NetworkChoice(settings, layers, dropout, used);
    }

    private static string Used(List<string> used, string description, string value)
    {
        used.Add(description);
        return value;
    }

    private static string Invariant(float value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The parsed network options.</summary>
/// <param name="Settings">The settings; <see cref="NetworkSettings.BatchSize"/> is 0 when it comes from the row count.</param>
/// <param name="Layers">The hidden layer widths as text, e.g. <c>64,32</c>.</param>
/// <param name="Dropout">Dropout after each hidden layer.</param>
/// <param name="DefaultsUsed">The settings that came from <see cref="TabularDefaults"/>, described for the output.</param>
internal sealed record NetworkChoice(NetworkSettings Settings, string Layers, float Dropout, IReadOnlyList<string> DefaultsUsed)
{
    /// <summary>One line for the output, or null when every option was given.</summary>
    public string? DescribeDefaults(long trainingRows) => DefaultsUsed.Count == 0 ? null
        : "Defaults used (tabular defaults, see the README's \"Regression out of the box\"): "
          + string.Join(", ", DefaultsUsed.Select(d => d == "batch from the row count" ? TabularDefaults.DescribeBatch(trainingRows) : d)) + ".";
}

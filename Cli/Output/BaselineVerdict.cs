using System.Globalization;
using MLExt.Cli.Training;
using MLExt.Evaluation.CrossValidation;

namespace MLExt.Cli.Output;

/// <summary>The one line printed when the network does worse than the linear baseline, with what to try.</summary>
internal static class BaselineVerdict
{
    private const string Hint = "try more epochs or patience (--epochs, --patience), a smaller learning rate (--learning-rate), "
        + "other layers (--layers, --dropout, --l2), or search them with 'mlext tune'";

    /// <summary>The key of the metric compared on a test split: RMSE, AUC or macro accuracy.</summary>
    public static (string Key, bool HigherIsBetter) TestMetric(TaskKind task) => task switch
    {
        TaskKind.Binary => ("auc", true),
        TaskKind.Multiclass => ("macroAccuracy", true),
        _ => ("rmse", false),
    };

    /// <summary>The line for a test split, or null when the network is at least as good as <paramref name="linear"/>.</summary>
    public static string? ForTest(TaskKind task, IReadOnlyList<Metric> network, BaselineResult linear)
    {
        var (key, higher) = TestMetric(task);
        var mine = network.First(m => m.Key == key);
        double theirs = linear.Metrics.First(m => m.Key == key).Value;
        return IsWorse(mine.Value, theirs, higher)
            ? Invariant($"The network is worse than the linear model on this split ({mine.Name} {mine.Value:0.####} against {theirs:0.####} for {linear.Name}): {Hint}.")
            : null;
    }

    /// <summary>The line for cross-validation, or null when the network's mean is at least as good as the linear model's.</summary>
    public static string? ForCrossValidation(MetricSummary network, MetricSummary linear, string linearName)
    {
        if (!IsWorse(network.Mean, linear.Mean, network.HigherIsBetter)) return null;
        bool outside = network.HigherIsBetter ? network.ConfidenceHigh < linear.Mean : network.ConfidenceLow > linear.Mean;
        return Invariant($"The network is worse than the linear model: mean {network.Name} {network.Mean:0.####} against {linear.Mean:0.####} for {linearName}")
            + (outside ? ", outside the network's 95% interval" : ", within the network's 95% interval") + $": {Hint}.";
    }

    private static bool IsWorse(double mine, double theirs, bool higherIsBetter) => higherIsBetter ? mine < theirs : mine > theirs;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

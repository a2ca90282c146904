using System.Globalization;
using MLExt.Neural;

namespace MLExt.Cli.Output;

/// <summary>A network's training history as a closing line and as JSON-ready figures.</summary>
internal static class HistoryReport
{
    /// <summary>E.g. <c>stopped early after epoch 7; kept the weights of epoch 4</c> or <c>trained 10 epochs</c>.</summary>
    public static string Summary(TrainingHistory history)
    {
        int last = history.Epochs.Count == 0 ? 0 : history.Epochs[^1].Epoch;
        string text = history.StoppedEarly
            ? $"stopped early after epoch {last}; kept the weights of epoch {history.BestEpoch}"
            : $"trained {last} epoch{(last == 1 ? "" : "s")}";
        if (!history.StoppedEarly && history.BestEpoch != last && history.BestEpoch > 0)
            text += $"; kept the weights of epoch {history.BestEpoch}";
        double seconds = history.Epochs.Sum(e => e.Elapsed.TotalSeconds);
        return text + string.Create(CultureInfo.InvariantCulture, $" ({seconds:F1} s)");
    }

    /// <summary>The figures for <c>--json</c>: metric name, best epoch, early stop and one entry per epoch.</summary>
    public static object Figures(TrainingHistory history) => new
    {
        history.MetricName,
        history.BestEpoch,
        history.StoppedEarly,
        Epochs = history.Epochs.Select(e => new
        {
            e.Epoch,
            e.TrainingLoss,
            e.ValidationLoss,
            e.ValidationMetric,
            e.LearningRate,
            Seconds = e.Elapsed.TotalSeconds,
        }).ToList(),
    };
}

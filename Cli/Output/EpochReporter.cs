using System.Globalization;
using MLExt.Neural;
using Spectre.Console;

namespace MLExt.Cli.Output;

/// <summary>
/// Shows a network's training as it happens: a live progress bar (on a terminal) whose caption holds
/// the running training loss and the last validation metric, and one line per finished epoch with
/// its training loss and validation figures.
/// Reports arrive synchronously on the training thread.
/// </summary>
internal sealed class EpochReporter : IProgress<TrainingProgress>
{
    private readonly IAnsiConsole _console;
    private readonly ProgressTask? _bar;
    private readonly string _title;
    private string _lastValidation = "";

    private EpochReporter(IAnsiConsole console, ProgressTask? bar, string title)
    {
        _console = console;
        _bar = bar;
        _title = title;
    }

    /// <summary>Runs <paramref name="train"/>, handing it a reporter; shows a live bar when the report console is a terminal.</summary>
    public static T Run<T>(CliOutput output, string title, Func<IProgress<TrainingProgress>, T> train)
    {
        if (!output.Interactive)
            return train(new EpochReporter(output.Report, null, title));
        return output.Report.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var bar = context.AddTask(Markup.Escape(title), autoStart: true, maxValue: 1);
                var result = train(new EpochReporter(output.Report, bar, title));
                bar.Value = bar.MaxValue;
                bar.StopTask();
                return result;
            });
    }

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        if (_bar is not null)
        {
            int batches = Math.Max(1, value.BatchesPerEpoch);
            _bar.MaxValue = Math.Max(1, value.NumberOfEpochs) * (double)batches;
            _bar.Value = (value.Epoch - 1) * (double)batches + Math.Clamp(value.Batch, 0, batches);
            _bar.Description = Markup.Escape($"{_title}  epoch {value.Epoch}/{value.NumberOfEpochs}  loss {Format(value.TrainingLoss)}{_lastValidation}");
        }
        if (!value.EpochCompleted)
            return;
        _console.WriteLine(EpochLine(value));
        if (value.ValidationMetric is double metric)
            _lastValidation = $"  (last val {value.MetricName} {Format(metric)})";
    }

    /// <summary>The line written for a finished epoch, e.g. <c>epoch  3/10  loss 0.1234  val loss 0.1100  val accuracy 0.9650</c>.</summary>
    public static string EpochLine(TrainingProgress value)
    {
        int width = value.NumberOfEpochs.ToString(CultureInfo.InvariantCulture).Length;
        string line = $"epoch {value.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{value.NumberOfEpochs}  loss {Format(value.TrainingLoss)}";
        if (value.ValidationLoss is double loss)
            line += $"  val loss {Format(loss)}";
        if (value.ValidationMetric is double metric)
            line += $"  val {value.MetricName} {Format(metric)}";
        return line;
    }

    private static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}

using System.Globalization;
using MLExt.AutoML;
using Spectre.Console;

namespace MLExt.Cli.Output;

/// <summary>
/// Shows a hyperparameter search as it runs: on a terminal a live bar of finished trials whose caption holds the running trials'
/// epochs and the best score so far; everywhere one line per finished trial. Reports arrive on the trials' threads.
/// </summary>
internal sealed class TrialReporter : IProgress<TrialProgress>
{
    private readonly IAnsiConsole _console;
    private readonly ProgressTask? _bar;
    private readonly ExperimentMetric _metric;
    private readonly string _metricName;
    private readonly object _gate = new();
    private readonly SortedDictionary<int, string> _running = [];
    private TrialRecord? _best;

    private TrialReporter(IAnsiConsole console, ProgressTask? bar, ExperimentMetric metric, string metricName)
    {
        _metricName = metricName;
        _console = console;
        _bar = bar;
        _metric = metric;
    }

    /// <summary>
    /// Runs <paramref name="search"/> with a reporter; a live bar on a terminal (<paramref name="maxTrials"/> null: no total known).
    /// <paramref name="metricName"/> is the metric as shown, with its unit.
    /// </summary>
    public static T Run<T>(CliOutput output, ExperimentMetric metric, string metricName, int? maxTrials, Func<IProgress<TrialProgress>, T> search)
    {
        if (!output.Interactive)
            return search(new TrialReporter(output.Report, null, metric, metricName));
        return output.Report.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var bar = context.AddTask("trials", autoStart: true, maxValue: maxTrials ?? 1);
                if (maxTrials is null)
                    bar.IsIndeterminate = true;
                var result = search(new TrialReporter(output.Report, bar, metric, metricName));
                bar.Value = bar.MaxValue;
                bar.StopTask();
                return result;
            });
    }

    /// <inheritdoc />
    public void Report(TrialProgress value)
    {
        lock (_gate)
        {
            switch (value.Kind)
            {
                case TrialProgressKind.Started:
                    _running[value.TrialId] = "starting";
                    break;
                case TrialProgressKind.Epoch:
                    _running[value.TrialId] = $"epoch {value.Epoch}/{value.NumberOfEpochs}" + (value.Fold > 0 ? $" fold {value.Fold + 1}" : "");
                    break;
                case TrialProgressKind.Finished when value.Record is { } record:
                    _running.Remove(value.TrialId);
                    bool higher = ExperimentMetrics.HigherIsBetter(_metric);
                    if (record.Status == TrialStatus.Completed && (_best is null || (higher ? record.Metric > _best.Metric : record.Metric < _best.Metric)))
                        _best = record;
                    _console.WriteLine(Line(record));
                    if (_bar is not null)
                        _bar.Value = value.TrialsFinished;
                    break;
            }
            if (_bar is not null)
                _bar.Description = Markup.Escape(Caption(value.TrialsFinished));
        }
    }

    private string Caption(int finished) =>
        $"{finished} trials" + (_best is null ? "" : $", best {_metricName} {Figure(_best.Metric)} (trial {_best.Id})") +
        (_running.Count == 0 ? "" : "; running " + string.Join(", ", _running.Select(r => $"#{r.Key} {r.Value}")));

    private string Line(TrialRecord t)
    {
        string trainer = t.Parameters.Contains(DefaultSearchSpace.Trainer) ? t.Parameters.GetString(DefaultSearchSpace.Trainer) : "network";
        string what = t.Status switch
        {
            TrialStatus.Completed => $"{_metricName} {Figure(t.Metric)}",
            TrialStatus.Pruned => $"pruned (intermediate {Figure(t.Loss)})",
            _ => $"failed: {System.Text.RegularExpressions.Regex.Replace(t.Error ?? "", @"^\w*Exception: ", "")}", // the cause, not the type
        };
        string epochs = t.EpochsTrained > 0 ? $", {t.EpochsTrained} epochs" : "";
        string best = _best is null ? "" : $"  best {Figure(_best.Metric)} (#{_best.Id})";
        return $"trial {t.Id,3}  {trainer,-8}  {what}{best}  ({t.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s{epochs})";
    }

    private static string Figure(double value) => ReportTable.Figure(value);
}

using System.Globalization;
using MLExt.Evaluation.Plots;
using MLExt.Evaluation.Reports;

namespace MLExt.AutoML;

/// <summary>
/// The report of a study: summary, best trial and its parameters, leaderboard, pruned and failed trials, the optimisation history
/// (each completed trial's metric and the best so far) and parameter importance (<see cref="ParameterImportance"/>), laid out as
/// MLExt.Evaluation's report sections so that its Markdown and HTML writers render it.
/// </summary>
public sealed class StudyReport
{
    private StudyReport(string title, IReadOnlyList<ReportSection> sections, IReadOnlyList<PlotImage> plots, IReadOnlyList<ParameterImportanceValue> importance)
    {
        Title = title;
        Sections = sections;
        Plots = plots;
        Importance = importance;
    }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The sections, title first.</summary>
    public IReadOnlyList<ReportSection> Sections { get; }

    /// <summary>The figures: <c>history</c> and, with enough trials, <c>importance</c>.</summary>
    public IReadOnlyList<PlotImage> Plots { get; }

    /// <summary>Parameter importance, largest first; empty with too few completed trials.</summary>
    public IReadOnlyList<ParameterImportanceValue> Importance { get; }

    /// <summary>Lays out the report of <paramref name="result"/>; <paramref name="notes"/> go under the title (data set, command line…).</summary>
    public static StudyReport Build(ExperimentResult result, IReadOnlyList<string>? notes = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        string metric = ExperimentMetrics.DisplayName(result.Metric, result.Task);
        string title = $"Hyperparameter search: {metric}, {result.Tuner}";
        var trials = result.Trials;
        int completed = trials.Count(t => t.Status == TrialStatus.Completed), pruned = trials.Count(t => t.Status == TrialStatus.Pruned);
        var sections = new List<ReportSection>
        {
            new(title, 1,
            [
                $"Task: {Task(result)}. Metric: {metric} ({(ExperimentMetrics.HigherIsBetter(result.Metric) ? "higher" : "lower")} is better). Tuner: {result.Tuner}.",
                $"Trials: {trials.Count} ({completed} completed, {pruned} pruned, {trials.Count - completed - pruned} failed); {result.TotalEpochs} network epochs in all. Stopped: {Stop(result.StopReason)}. This run: {result.Elapsed.TotalSeconds:0.0} s.",
                .. notes ?? [],
            ], [], [], []),
        };
        if (result.Best is { } best)
            sections.Add(new ReportSection("Best trial", 2,
                [$"Trial {best.Id}: {metric} {Number(best.Metric)}{(best.Budget is { } b ? $", budget {b} epochs" : "")}, seed {best.Seed}."],
                [
                    new ReportTable("Parameters", ["parameter", "value"], best.Parameters.Select(p => (IReadOnlyList<string>)[p.Key, Value(p.Value)]).ToArray()),
                    new ReportTable("Metrics (mean over folds, or on the hold-out)", ["metric", "value"], best.Metrics.Select(m => (IReadOnlyList<string>)[m.Key, Number(m.Value)]).ToArray()),
                ], [], []));
        else
            sections.Add(new ReportSection("Best trial", 2, ["No trial completed."], [], [], []));
        sections.Add(Leaderboard(result, metric));
        var stopped = trials.Where(t => t.Status != TrialStatus.Completed).ToArray();
        if (stopped.Length > 0)
            sections.Add(new ReportSection("Pruned and failed trials", 2,
                ["A pruned trial stopped when the tuner judged its intermediate score (lower is better) too poor; a failed trial's error is shown."],
                [new ReportTable("Trials that did not complete", ["trial", "status", "epochs", "last intermediate", "error", "parameters"],
                    stopped.Select(t => (IReadOnlyList<string>)[Id(t), t.Status.ToString().ToLowerInvariant(), Count(t.EpochsTrained),
                        t.IntermediateScores.Count > 0 ? Number(t.IntermediateScores[^1]) : "—", t.Error ?? "", t.Parameters.ToString()]).ToArray())],
                [], []));

        var plots = new List<PlotImage>();
        if (completed > 0)
        {
            plots.Add(PlotRenderer.Render(History(result, metric), "history"));
            sections.Add(new ReportSection("Optimisation history", 2,
                [$"Each completed trial's {metric} by trial id, and the best so far."], [], ["history"], []));
        }
        var importance = ParameterImportance.Compute(trials, seed);
        if (importance.Count > 0)
        {
            var figure = new Figure("Parameter importance", "Parameter", "Share of importance") { Legend = LegendPosition.None };
            foreach (var (value, i) in importance.Take(12).Select((v, i) => (v, i)))
                figure.Bars.Add(new PlotBar(value.Parameter, value.Share, PlotPalette.Series(0)));
            plots.Add(PlotRenderer.Render(figure, "importance"));
            sections.Add(new ReportSection("Parameter importance", 2,
                [$"Permutation importance on a random-forest surrogate (ML.NET FastForest, 100 trees) fitted to the {completed} completed trials' {metric}: " +
                 "the rise of the surrogate's RMSE when a parameter's column is shuffled, as a share of the total. It shows what explains the scores of the trials tried, roughly with few trials."],
                [new ReportTable("Importance", ["parameter", "share", "RMSE increase"],
                    importance.Select(v => (IReadOnlyList<string>)[v.Parameter, v.Share.ToString("0.000", CultureInfo.InvariantCulture), Number(v.RmseIncrease)]).ToArray())],
                ["importance"], []));
        }
        else
            sections.Add(new ReportSection("Parameter importance", 2,
                [$"Not computed: it needs at least {ParameterImportance.MinimumTrials} completed trials, the study has {completed}."], [], [], []));
        return new StudyReport(title, sections, plots, importance);
    }

    /// <summary>Completed trials, best first (ties by id).</summary>
    public static IReadOnlyList<TrialRecord> Ranked(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool higher = ExperimentMetrics.HigherIsBetter(result.Metric);
        return result.Trials.Where(t => t.Status == TrialStatus.Completed && double.IsFinite(t.Metric))
            .OrderBy(t => higher ? -t.Metric : t.Metric).ThenBy(t => t.Id).ToArray();
    }

    private static ReportSection Leaderboard(ExperimentResult result, string metric)
    {
        var ranked = Ranked(result);
        bool trainers = ranked.Any(t => t.Parameters.Contains(DefaultSearchSpace.Trainer));
        string[] header = trainers ? ["rank", "trial", "trainer", metric, "budget", "epochs", "seconds", "parameters"] : ["rank", "trial", metric, "budget", "epochs", "seconds", "parameters"];
        var rows = ranked.Take(25).Select((t, i) =>
        {
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture), Id(t) };
            if (trainers)
                cells.Add(t.Parameters.Contains(DefaultSearchSpace.Trainer) ? t.Parameters.GetString(DefaultSearchSpace.Trainer) : "");
            cells.AddRange([Number(t.Metric), t.Budget?.ToString(CultureInfo.InvariantCulture) ?? "full", Count(t.EpochsTrained),
                t.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                string.Join(", ", t.Parameters.Where(p => p.Key != DefaultSearchSpace.Trainer).Select(p => $"{p.Key}={Value(p.Value)}"))]);
            return (IReadOnlyList<string>)cells;
        }).ToArray();
        return new ReportSection("Leaderboard", 2,
            [ranked.Count > 25 ? $"The best 25 of {ranked.Count} completed trials." : $"All {ranked.Count} completed trials, best first."],
            [new ReportTable("Completed trials", header, rows)], [], []);
    }

    private static Figure History(ExperimentResult result, string metric)
    {
        var done = result.Trials.Where(t => t.Status == TrialStatus.Completed && double.IsFinite(t.Metric)).OrderBy(t => t.Id).ToArray();
        bool higher = ExperimentMetrics.HigherIsBetter(result.Metric);
        var best = new double[done.Length];
        for (int i = 0; i < done.Length; i++)
            best[i] = i == 0 ? done[0].Metric : higher ? Math.Max(best[i - 1], done[i].Metric) : Math.Min(best[i - 1], done[i].Metric);
        var x = done.Select(t => (double)t.Id).ToArray();
        var figure = new Figure("Optimisation history", "Trial", metric) { Legend = higher ? LegendPosition.LowerRight : LegendPosition.UpperRight };
        figure.Series.Add(new PlotSeries("trial", x, done.Select(t => t.Metric).ToArray(), PlotPalette.Series(0)) { Kind = PlotSeriesKind.Points, MarkerSize = 5 });
        figure.Series.Add(new PlotSeries("best so far", x, best, PlotPalette.Series(1)) { Kind = PlotSeriesKind.Step, LineWidth = 2.5f });
        return figure;
    }

    private static string Task(ExperimentResult result) => result.Task switch
    {
        Evaluation.EvaluationTask.BinaryClassification => "binary classification",
        Evaluation.EvaluationTask.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };

    private static string Stop(StopReason reason) => reason switch
    {
        StopReason.MaxTrials => "trial count reached",
        StopReason.TimeBudget => "time budget spent",
        _ => "cancelled",
    };

    private static string Id(TrialRecord t) => t.Id.ToString(CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    internal static string Number(double value) => ReportFormat.Number(value);

    private static string Value(object value) => value switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

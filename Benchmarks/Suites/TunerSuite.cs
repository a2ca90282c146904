using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MLExt.AutoML;
using MLExt.Benchmarks.Reporting;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// Tuners on Branin and Hartmann6: regret (best value found minus the known minimum) after 25, 50 and
/// 100 sequential trials, median and quartiles over seeds 0..n−1, next to issue 7's targets. Seeds run
/// in parallel on <c>threads</c> threads; every figure depends only on the seed.
/// </summary>
internal static class TunerSuite
{
    private static readonly int[] Checkpoints = [25, 50, 100];

    /// <summary>Median regret at 100 trials of Optuna 3.1's TPE, measured for issue 7.</summary>
    private static readonly Dictionary<string, double> OptunaTpe = new() { ["branin"] = 0.012, ["hartmann6"] = 0.254 };

    private sealed record Contender(string Name, Func<OptimizationTestFunction, int, ITuner?> Create);

    private static readonly Contender[] Contenders =
    [
        new("random", (f, seed) => new RandomSearchTuner(f.Space, seed)),
        // A 10×10 grid is exactly 100 trials on Branin; on Hartmann6 even 3 levels per dimension need 729.
        new("grid", (f, seed) => f.Space.Dimension == 2 ? new GridSearchTuner(f.Space, seed, pointsPerDimension: 10) : null),
        new("tpe", (f, seed) => new TpeTuner(f.Space, seed)),
        // The same TPE with Optuna's defaults (one parameter at a time, γ = 0.1), for comparison.
        new("tpe-optuna", (f, seed) => new TpeTuner(f.Space, seed, new TpeOptions { Multivariate = false, Gamma = 0.1 })),
        new("bayes", (f, seed) => new BayesianTuner(f.Space, seed)),
    ];

    public static void Run(SuiteReport report, int seeds, int threads, string? only = null)
    {
        var selected = only?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        int trials = Checkpoints[^1];
        report.Json["seeds"] = seeds;
        report.Json["trials"] = trials;
        report.Json["threads"] = threads;
        var rows = report.Table($"Regret (best found − minimum), median and quartiles over {seeds} seeds",
            ["function", "tuner", .. Checkpoints.Select(c => $"{c} trials"), "seconds"]);
        var functions = new JsonArray();
        var total = Stopwatch.StartNew();
        foreach (var function in new[] { OptimizationTestFunction.Branin, OptimizationTestFunction.Hartmann6 })
        {
            var tuners = new JsonObject();
            var medians = new Dictionary<string, double>();
            foreach (var contender in Contenders)
            {
                if (contender.Create(function, 0) is null || (selected is not null && !selected.Contains(contender.Name))) continue;
                SuiteReport.Progress($"tuners: {function.Name} {contender.Name} ({seeds} seeds × {trials} trials)");
                var watch = Stopwatch.StartNew();
                var regrets = new double[seeds][];
                Parallel.For(0, seeds, new ParallelOptions { MaxDegreeOfParallelism = threads }, seed =>
                {
                    var best = function.BestSoFar(contender.Create(function, seed)!, trials);
                    regrets[seed] = Checkpoints.Select(c => best[c - 1] - function.Minimum).ToArray();
                });
                double seconds = watch.Elapsed.TotalSeconds;
                var entry = new JsonObject { ["seconds"] = Math.Round(seconds, 2) };
                var cells = new List<string> { function.Name, contender.Name };
                for (int c = 0; c < Checkpoints.Length; c++)
                {
                    var values = regrets.Select(r => r[c]).Order().ToArray();
                    double q1 = Quantile(values, 0.25), median = Quantile(values, 0.5), q3 = Quantile(values, 0.75);
                    entry[$"{Checkpoints[c]}"] = new JsonObject { ["median"] = median, ["q1"] = q1, ["q3"] = q3 };
                    cells.Add($"{G(median)} [{G(q1)}, {G(q3)}]");
                    if (c == Checkpoints.Length - 1) medians[contender.Name] = median;
                }
                cells.Add(seconds.ToString("F1", CultureInfo.InvariantCulture));
                rows.Add([.. cells]);
                tuners[contender.Name] = entry;
            }
            functions.Add(new JsonObject { ["name"] = function.Name, ["minimum"] = function.Minimum, ["tuners"] = tuners });
            Targets(report, function.Name, medians);
        }
        report.Json["functions"] = functions;
        report.Json["totalSeconds"] = Math.Round(total.Elapsed.TotalSeconds, 1);
        report.Note($"Total {total.Elapsed.TotalSeconds:F0} s on {threads} thread(s).");
    }

    private static void Targets(SuiteReport report, string function, Dictionary<string, double> medians)
    {
        if (!medians.ContainsKey("random") || !medians.ContainsKey("tpe") || !medians.ContainsKey("bayes")) return;
        double optuna = OptunaTpe[function], random = medians["random"];
        string best = medians["tpe"] <= medians["bayes"] ? "tpe" : "bayes";
        bool tpeOk = medians["tpe"] <= optuna, ratioOk = medians[best] <= random / 10;
        report.Note($"{function} at 100 trials: TPE median regret {G(medians["tpe"])} vs Optuna 3.1 TPE {G(optuna)} (target ≤): {(tpeOk ? "met" : "NOT met")}; "
            + $"best model-based ({best}) {G(medians[best])} vs random/10 = {G(random / 10)} (target ≤): {(ratioOk ? "met" : "NOT met")}.");
        report.Json[$"targets_{function}"] = new JsonObject
        {
            ["optunaTpeMedian"] = optuna, ["tpeMedian"] = medians["tpe"], ["tpeTargetMet"] = tpeOk,
            ["bestModelBased"] = best, ["bestModelBasedMedian"] = medians[best], ["randomMedian"] = random, ["tenthOfRandomMet"] = ratioOk,
        };
    }

    /// <summary>The q-quantile of sorted values with linear interpolation (NumPy's default).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    private static string G(double value) => value.ToString(value < 0.01 ? "0.0000" : "0.000", CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MLExt.Benchmarks.Reporting;
using Npgsql;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// Shared studies in PostgreSQL: 1, 2, 4 and 8 worker processes (Samples/DistributedStudy) on one study of a cheap objective
/// (Branin, one step, no sleep): trials per second over the study's span in the database, database round trips per trial, and
/// the time from finishing a trial to starting the next (report + claim; each worker's first claim, which opens the study and
/// JIT-compiles, is left out); then TPE's regret after 100 trials with 1 and 4 workers.
/// </summary>
internal static class StorageSuite
{
    private const double BraninMinimum = 0.397887;

    public static void Run(SuiteReport report, string storage, int trials)
    {
        report.Json["trials"] = trials;
        report.Json["loadBefore"] = LoadAverage();
        var rows = report.Table($"{trials} TPE trials of Branin on one study, N worker processes, local PostgreSQL",
            "workers", "trials/s", "round trips/trial", "claim p50 ms", "claim p99 ms", "unique numbers", "regret", "load");
        var results = new JsonArray();
        foreach (int workers in new[] { 1, 2, 4, 8 })
        {
            string study = $"bench-{workers}-{Guid.NewGuid():N}";
            SuiteReport.Progress($"{workers} worker(s) on {study}");
            var outputs = RunWorkers(storage, study, workers, trials);
            var (span, numbers, distinct, best) = Study(storage, study);
            long roundTrips = outputs.Sum(o => long.Parse(Field(o, "round-trips"), CultureInfo.InvariantCulture));
            var claims = outputs.SelectMany(o => Field(o, "claim-ms").Split(',').Skip(1)).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).Order().ToArray();
            double rate = trials / span, p50 = Quantile(claims, 0.5), p99 = Quantile(claims, 0.99), regret = best - BraninMinimum;
            string load = LoadAverage();
            rows.Add([workers.ToString(), F(rate), F((double)roundTrips / trials), F(p50), F(p99), $"{distinct}/{numbers}", regret.ToString("G3", CultureInfo.InvariantCulture), load]);
            results.Add(new JsonObject
            {
                ["workers"] = workers, ["trialsPerSecond"] = Math.Round(rate, 2), ["roundTripsPerTrial"] = Math.Round((double)roundTrips / trials, 1),
                ["claimP50Ms"] = Math.Round(p50, 2), ["claimP99Ms"] = Math.Round(p99, 2), ["trialNumbers"] = numbers, ["distinctNumbers"] = distinct,
                ["regret"] = regret, ["load"] = load,
            });
        }
        report.Json["runs"] = results;
        report.Note("Round trips count every SQL command the workers sent (opening the study, proposals, reports, heartbeats).");
        report.Note($"Load average (1, 5, 15 min) after each run in the last column; {Environment.ProcessorCount} cores.");
    }

    private static string[] RunWorkers(string storage, string study, int workers, int trials)
    {
        string worker = Path.Combine(AppContext.BaseDirectory, "MLExt.Samples.DistributedStudy.dll");
        var processes = Enumerable.Range(0, workers).Select(_ =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in (string[])["exec", worker, "--storage", storage, "--study-name", study, "--trials", trials.ToString(CultureInfo.InvariantCulture),
                "--tuner", "tpe", "--steps", "1", "--step-seconds", "0", "--stats"])
                start.ArgumentList.Add(a);
            var process = Process.Start(start)!;
            return (process, output: process.StandardOutput.ReadToEndAsync());
        }).ToArray();
        foreach (var (process, _) in processes)
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"A worker exited with {process.ExitCode}.");
        }
        return processes.Select(p => p.output.Result.Split('\n').Single(l => l.StartsWith("stats ", StringComparison.Ordinal))).ToArray();
    }

    private static (double Seconds, int Numbers, int Distinct, double Best) Study(string storage, string study)
    {
        var uri = new Uri(storage);
        using var connection = new NpgsqlConnection($"Host={uri.Host};Port={uri.Port};Database={uri.AbsolutePath.TrimStart('/')};Username={uri.UserInfo.Split(':')[0]}");
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT extract(epoch FROM max(t.datetime_complete) - min(t.datetime_start))::float8, count(*)::int, count(DISTINCT t.number)::int, " +
            "(SELECT min(v.value) FROM trial_values v JOIN trials u ON u.trial_id = v.trial_id WHERE u.study_id = s.study_id) " +
            "FROM trials t JOIN studies s ON s.study_id = t.study_id WHERE s.study_name = @n GROUP BY s.study_id", connection);
        command.Parameters.AddWithValue("n", study);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetDouble(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetDouble(3));
    }

    private static string Field(string stats, string name) =>
        stats.Split(' ').Single(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    private static double Quantile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];

    private static string F(double value) => value.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

using System.Diagnostics;
using System.Text.Json;
using MLExt.AutoML;
using MLExt.Evaluation;

namespace MLExt.Tests.AutoML.Studies;

/// <summary>Optuna itself (Debian's python3-optuna 3.1 with python3-psycopg2) opens an MLExt study and sees its trials.</summary>
public sealed class OptunaReadsStudyTests
{
    // Debian's interpreter, where python3-optuna installs (a python3 earlier on PATH may be another one).
    private const string Python = "/usr/bin/python3";

    /// <summary>Why the check cannot run here, or null when it can.</summary>
    internal static string? Missing { get; } = PostgresServer.Address is null ? PostgresServer.Missing
        : OptunaAvailable() ? null
        : "Optuna is not installed for /usr/bin/python3: tools/services/postgres.sh installs python3-optuna and python3-psycopg2.";

    [OptunaFact]
    public void OptunaLoadsTheStudyWithItsTrialsParametersAndValues()
    {
        string name = PostgresServer.UniqueStudyName("optuna");
        ExperimentResult result;
        using (var storage = new PostgresStudyStorage(PostgresServer.Address!, name))
        {
            var options = new ExperimentOptions
            {
                Task = EvaluationTask.Regression, Metric = ExperimentMetric.RSquared, Tuner = "asha", Seed = 5, MaxTrials = 9, MaxEpochs = 4,
                Storage = storage,
            };
            result = new Experiment(options).Search(new BraninTrialRunner(4), BraninTrialRunner.Space);
        }
        string script =
            "import json, sys, optuna\n" +
            "s = optuna.load_study(study_name=sys.argv[1], storage=sys.argv[2])\n" +
            "print(json.dumps({'direction': s.direction.name, 'best': s.best_trial.number, 'trials': [{'number': t.number, " +
            "'state': t.state.name, 'value': t.value, 'params': t.params, 'steps': sorted(t.intermediate_values)} for t in s.trials]}))\n";
        using var document = JsonDocument.Parse(Run(script, name, PostgresServer.Address!));
        var root = document.RootElement;
        // R² is maximised: the study's direction says so and Optuna's best trial is ours.
        Assert.Equal("MAXIMIZE", root.GetProperty("direction").GetString());
        Assert.Equal(result.Best!.Id, root.GetProperty("best").GetInt32());
        var trials = root.GetProperty("trials").EnumerateArray().ToDictionary(t => t.GetProperty("number").GetInt32());
        Assert.Equal(Enumerable.Range(0, 9), trials.Keys.Order());
        foreach (var record in result.Trials)
        {
            var t = trials[record.Id];
            Assert.Equal(record.Status switch { TrialStatus.Completed => "COMPLETE", TrialStatus.Pruned => "PRUNED", _ => "FAIL" }, t.GetProperty("state").GetString());
            if (record.Status == TrialStatus.Completed)
                Assert.Equal(record.Metric, t.GetProperty("value").GetDouble());
            var p = t.GetProperty("params");
            Assert.Equal(record.Parameters.GetDouble("x1"), p.GetProperty("x1").GetDouble());
            Assert.Equal(record.Parameters.GetString("kind"), p.GetProperty("kind").GetString());
            Assert.Equal(record.Parameters.GetInt32("units"), p.GetProperty("units").GetInt32());
            Assert.Equal(Enumerable.Range(1, record.IntermediateScores.Count), t.GetProperty("steps").EnumerateArray().Select(s => s.GetInt32()));
        }
    }

    private static bool OptunaAvailable()
    {
        try
        {
            Run("import optuna, psycopg2");
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", script, .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new InvalidOperationException("python3 did not finish within a minute.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"python3 exited with {process.ExitCode}: {error.Result}");
        return output;
    }
}

/// <summary>A fact that is skipped, with the reason, without a PostgreSQL server or without Debian's Optuna.</summary>
public sealed class OptunaFactAttribute : FactAttribute
{
    public OptunaFactAttribute()
    {
        if (OptunaReadsStudyTests.Missing is { } reason)
            Skip = reason;
    }
}

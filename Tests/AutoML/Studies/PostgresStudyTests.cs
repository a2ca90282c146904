using MLExt.AutoML;
using MLExt.Evaluation;
using Npgsql;

namespace MLExt.Tests.AutoML.Studies;

/// <summary>Shared studies in a real PostgreSQL (skipped with the reason when MLEXT_TEST_POSTGRES is not set).</summary>
public sealed class PostgresStudyTests
{
    private static ExperimentOptions Options(IStudyStorage storage, int trials, string tuner = "tpe") => new()
    {
        Task = EvaluationTask.Regression, Metric = ExperimentMetric.Rmse, Tuner = tuner, Seed = 3, MaxTrials = trials, MaxEpochs = 4,
        Storage = storage, HeartbeatInterval = TimeSpan.FromSeconds(1),
    };

    [PostgresFact]
    public void WorkersInParallelShareOneStudyWithUniqueNumbers()
    {
        string name = PostgresServer.UniqueStudyName("threads");
        var results = Enumerable.Range(0, 3).AsParallel().WithDegreeOfParallelism(3).Select(_ =>
        {
            using var storage = new PostgresStudyStorage(PostgresServer.Address!, name);
            return new Experiment(Options(storage, trials: 24, tuner: "asha")).Search(new BraninTrialRunner(4), BraninTrialRunner.Space);
        }).ToArray();

        var states = TrialStates(name);
        Assert.Equal(Enumerable.Range(0, 24), states.Keys.Order());
        Assert.All(states.Values, s => Assert.Contains(s, new[] { "COMPLETE", "PRUNED" }));
        Assert.Contains("PRUNED", states.Values); // ASHA pruned on the intermediate values of all workers
        // Every worker's result holds the whole study, and they agree on the best trial.
        Assert.All(results, r => Assert.Equal(24, r.Trials.Count));
        Assert.Single(results.Select(r => r.Best!.Id).Distinct());
    }

    [PostgresFact]
    public void JoiningWithOtherSettingsIsRefusedNamingTheStudyAndTheDifference()
    {
        string name = PostgresServer.UniqueStudyName("settings");
        using (var storage = new PostgresStudyStorage(PostgresServer.Address!, name))
            new Experiment(Options(storage, trials: 2)).Search(new BraninTrialRunner(2), BraninTrialRunner.Space);
        using var other = new PostgresStudyStorage(PostgresServer.Address!, name);
        var options = Options(other, trials: 2);
        options.Seed = 4;
        var e = Assert.Throws<StudyStorageException>(() => new Experiment(options).Search(new BraninTrialRunner(2), BraninTrialRunner.Space));
        Assert.Contains($"study '{name}'", e.Message);
        Assert.Contains("seed 3 in the study, 4 now", e.Message);
    }

    [PostgresFact]
    public void AWorkerKilledMidTrialLeavesItFailedAndTheOthersCompleteTheStudy()
    {
        string name = PostgresServer.UniqueStudyName("kill");
        string[] arguments = ["--storage", PostgresServer.Address!, "--study-name", name, "--trials", "8", "--steps", "8",
            "--step-seconds", "0.25", "--heartbeat", "0.5", "--grace", "3", "--tuner", "random"];
        using var victim = new StudyWorkerProcess(arguments);
        victim.WaitFor("started ", TimeSpan.FromMinutes(1));
        using var survivor = new StudyWorkerProcess(arguments);
        survivor.WaitFor("started ", TimeSpan.FromMinutes(1));
        victim.KillNow();
        // The trial the victim had started and not finished when it died (a trial lasts 2 s, the gap between two a few ms).
        int killed = Assert.Single(Unfinished(victim.Lines));
        Assert.Equal(0, survivor.WaitForExit(TimeSpan.FromMinutes(2)));

        var states = TrialStates(name);
        Assert.Equal(Enumerable.Range(0, 8), states.Keys.Order());
        Assert.Equal("FAIL", states[killed]);
        Assert.All(states.Where(s => s.Key != killed), s => Assert.Equal("COMPLETE", s.Value));
        using var storage = new PostgresStudyStorage(PostgresServer.Address!, name);
        var failed = Assert.Single(storage.Trials(), t => t.Status == TrialStatus.Failed);
        Assert.Contains("no heartbeat", failed.Error);
    }

    [PostgresFact]
    public void WithRetryTheKilledWorkersTrialRunsAgainUnderItsNumber()
    {
        string name = PostgresServer.UniqueStudyName("retry");
        string[] arguments = ["--storage", PostgresServer.Address!, "--study-name", name, "--trials", "5", "--steps", "4",
            "--step-seconds", "0.25", "--heartbeat", "0.5", "--grace", "3", "--tuner", "random", "--retry"];
        using var victim = new StudyWorkerProcess(arguments);
        int killed = int.Parse(victim.WaitFor("started ", TimeSpan.FromMinutes(1))["started ".Length..]);
        victim.KillNow();
        using var survivor = new StudyWorkerProcess(arguments);
        Assert.Equal(0, survivor.WaitForExit(TimeSpan.FromMinutes(2)));

        var states = TrialStates(name);
        Assert.Equal(Enumerable.Range(0, 5), states.Keys.Order());
        Assert.All(states.Values, s => Assert.Equal("COMPLETE", s));
        Assert.Contains($"started {killed}", survivor.Lines);
    }

    [PostgresFact]
    public void ACancelledWorkerGivesItsTrialBackForTheNextWorkerToRun()
    {
        string name = PostgresServer.UniqueStudyName("cancel");
        using var cancel = new CancellationTokenSource();
        using (var storage = new PostgresStudyStorage(PostgresServer.Address!, name))
        {
            var options = Options(storage, trials: 3);
            options.CancellationToken = cancel.Token;
            // Ctrl+C while trial 0 runs: the runner waits for the cancellation.
            var result = new Experiment(options).Search(new CancelledRunner(cancel), BraninTrialRunner.Space);
            Assert.Equal(StopReason.Cancelled, result.StopReason);
        }
        Assert.Equal("WAITING", TrialStates(name)[0]);
        using (var storage = new PostgresStudyStorage(PostgresServer.Address!, name))
        {
            var result = new Experiment(Options(storage, trials: 3)).Search(new BraninTrialRunner(2), BraninTrialRunner.Space);
            Assert.Equal(3, result.Trials.Count);
        }
        Assert.All(TrialStates(name).Values, s => Assert.Equal("COMPLETE", s));
    }

    private sealed class CancelledRunner(CancellationTokenSource cancel) : ITrialRunner
    {
        public TrialResult Run(TrialContext context)
        {
            cancel.Cancel();
            context.CancellationToken.WaitHandle.WaitOne();
            context.CancellationToken.ThrowIfCancellationRequested();
            return new TrialResult(0, [], 0);
        }
    }

    [PostgresFact]
    public void ATuneRunRecordsOptunaDistributionsAndValues()
    {
        string name = PostgresServer.UniqueStudyName("optuna-shape");
        using (var storage = new PostgresStudyStorage(PostgresServer.Address!, name))
            new Experiment(Options(storage, trials: 3)).Search(new BraninTrialRunner(2), BraninTrialRunner.Space);
        using var connection = new NpgsqlConnection(Connection());
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT p.param_name, p.distribution_json FROM trial_params p JOIN trials t USING (trial_id) JOIN studies s USING (study_id) " +
            "WHERE s.study_name = @n AND t.number = 0 ORDER BY p.param_name", connection);
        command.Parameters.AddWithValue("n", name);
        using var reader = command.ExecuteReader();
        var distributions = new Dictionary<string, string>();
        while (reader.Read())
            distributions[reader.GetString(0)] = reader.GetString(1);
        Assert.Equal("{\"name\":\"CategoricalDistribution\",\"attributes\":{\"choices\":[\"a\",\"b\"]}}", distributions["kind"]);
        Assert.Equal("{\"name\":\"IntDistribution\",\"attributes\":{\"low\":1,\"high\":64,\"log\":true,\"step\":1}}", distributions["units"]);
        Assert.Equal("{\"name\":\"FloatDistribution\",\"attributes\":{\"low\":-5,\"high\":10,\"log\":false,\"step\":null}}", distributions["x1"]);
    }

    private static IEnumerable<int> Unfinished(string[] lines) =>
        lines.Where(l => l.StartsWith("started ", StringComparison.Ordinal)).Select(l => int.Parse(l["started ".Length..]))
            .Except(lines.Where(l => l.StartsWith("finished ", StringComparison.Ordinal)).Select(l => int.Parse(l.Split(' ')[1])));

    /// <summary>Trial number → state of the study <paramref name="name"/>.</summary>
    internal static Dictionary<int, string> TrialStates(string name)
    {
        using var connection = new NpgsqlConnection(Connection());
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT t.number, t.state::text FROM trials t JOIN studies s USING (study_id) WHERE s.study_name = @n", connection);
        command.Parameters.AddWithValue("n", name);
        using var reader = command.ExecuteReader();
        var states = new Dictionary<int, string>();
        while (reader.Read())
            states.Add(reader.GetInt32(0), reader.GetString(1)); // Add throws on a duplicate number
        return states;
    }

    private static string Connection()
    {
        var uri = new Uri(PostgresServer.Address!);
        return $"Host={uri.Host};Port={uri.Port};Database={uri.AbsolutePath.TrimStart('/')};Username={uri.UserInfo.Split(':')[0]}";
    }
}

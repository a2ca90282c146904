using System.Globalization;
using MLExt.AutoML;
using MLExt.Evaluation;
using MLExt.Samples.DistributedStudy;

// One worker of a study shared through PostgreSQL: start as many as you like, on any machines, with the same arguments.
//   dotnet run --project Samples/DistributedStudy -- --storage postgresql://mlext@127.0.0.1:55432/mlext --study-name branin --trials 40
// Options: --tuner NAME (tpe), --seed N (1), --steps N (5), --step-seconds S (0.05), --heartbeat S (10), --grace S (6 × heartbeat),
// --retry (re-run a dead worker's trial instead of failing it), --stats (print this worker's database round trips and the
// milliseconds from finishing one trial to starting the next: reporting it and claiming the next, for the benchmark).
var options = new Dictionary<string, string>();
for (int i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
        return Fail($"unexpected argument '{args[i]}'");
    options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
}
if (!options.TryGetValue("storage", out var storageAddress) || !options.TryGetValue("study-name", out var studyName))
    return Fail("--storage and --study-name are required");
double Number(string name, double fallback) => options.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

try
{
    using var storage = new PostgresStudyStorage(storageAddress, studyName);
    double heartbeat = Number("heartbeat", 10);
    var progress = new Progress();
    var experiment = new Experiment(new ExperimentOptions
    {
        Task = EvaluationTask.Regression,
        Metric = ExperimentMetric.Rmse,
        Tuner = options.GetValueOrDefault("tuner", "tpe"),
        Seed = (int)Number("seed", 1),
        MaxTrials = (int)Number("trials", 40),
        MaxEpochs = (int)Number("steps", 5),
        Storage = storage,
        HeartbeatInterval = TimeSpan.FromSeconds(heartbeat),
        GracePeriod = options.ContainsKey("grace") ? TimeSpan.FromSeconds(Number("grace", 0)) : null,
        RetryFailedTrials = options.ContainsKey("retry"),
        Progress = progress,
    });
    var runner = new BraninRunner((int)Number("steps", 5), TimeSpan.FromSeconds(Number("step-seconds", 0.05)));
    var result = experiment.Search(runner, BraninRunner.Space);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"study '{studyName}': {result.Trials.Count} trials finished, best {result.Best?.Metric:0.######} (trial {result.Best?.Id})"));
    if (options.ContainsKey("stats"))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stats trials={progress.Claims.Count} round-trips={storage.RoundTrips} claim-ms={string.Join(',', progress.Claims.Select(c => c.ToString("0.###", CultureInfo.InvariantCulture)))}"));
    return 0;
}
catch (StudyStorageException e)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 1;
}

/// <summary>
/// Prints "started N" as each trial starts (synchronously, so a test can kill the worker mid-trial) and "finished N STATUS", and
/// times each gap from the start of the search or the end of a trial to the start of the next one.
/// </summary>
internal sealed class Progress : IProgress<TrialProgress>
{
    private readonly System.Diagnostics.Stopwatch _gap = System.Diagnostics.Stopwatch.StartNew();

    public List<double> Claims { get; } = [];

    public void Report(TrialProgress value)
    {
        if (value.Kind == TrialProgressKind.Started)
        {
            Claims.Add(_gap.Elapsed.TotalMilliseconds);
            Console.WriteLine($"started {value.TrialId}");
        }
        else if (value.Kind == TrialProgressKind.Finished)
        {
            Console.WriteLine($"finished {value.TrialId} {value.Record?.Status}");
            _gap.Restart();
        }
    }
}

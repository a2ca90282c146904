using System.CommandLine;
using MLExt.Benchmarks.Reporting;
using MLExt.Benchmarks.Suites;

var root = new RootCommand("MLExt benchmarks: speed and memory against references, on this machine.");
var suite = new Argument<string>("suite")
{
    Description = "gemm | train-mlp | train-cnn | recurrent | attention | gan (GAN training throughput) | vae (VAE training images/s) | micro (BenchmarkDotNet GEMM micro-benchmarks) | tuners (AutoML tuners on Branin and Hartmann6) | storage (worker processes on one PostgreSQL study; needs --storage or MLEXT_TEST_POSTGRES)",
};
suite.AcceptOnlyFromAmong("gemm", "train-mlp", "train-cnn", "recurrent", "attention", "gan", "vae", "micro", "tuners", "storage");
var json = new Option<bool>("--json") { Description = "Print one JSON object with every figure (progress goes to standard error)." };
var quick = new Option<bool>("--quick") { Description = "Fewer shapes, shorter runs (a smoke test, not the published figures)." };
var repeats = new Option<int>("--repeats") { Description = "Alternating repetitions per measurement.", DefaultValueFactory = _ => 5 };
var noBaselines = new Option<bool>("--no-baselines") { Description = "train suites: skip fitting ML.NET's LbfgsMaximumEntropy and LightGbm." };
var seeds = new Option<int>("--seeds") { Description = "tuners: seeds per tuner and function.", DefaultValueFactory = _ => 20 };
var threads = new Option<int>("--threads") { Description = "Threads for MLExt and OpenBLAS (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
root.Arguments.Add(suite);
root.Options.Add(json);
root.Options.Add(quick);
root.Options.Add(repeats);
root.Options.Add(threads);
root.Options.Add(noBaselines);
root.Options.Add(seeds);
var tuners = new Option<string?>("--tuners") { Description = "tuners: only these tuners, comma-separated (random, grid, tpe, tpe-optuna, bayes)." };
root.Options.Add(tuners);
var storage = new Option<string?>("--storage") { Description = "storage: the PostgreSQL database (default: MLEXT_TEST_POSTGRES; tools/services/postgres.sh starts one)." };
root.Options.Add(storage);
var trialCount = new Option<int>("--trials") { Description = "storage: trials per study.", DefaultValueFactory = _ => 100 };
root.Options.Add(trialCount);
root.SetAction(parsed =>
{
    string name = parsed.GetValue(suite)!;
    int repeatCount = Math.Max(1, parsed.GetValue(repeats));
    int threadCount = Math.Clamp(parsed.GetValue(threads), 1, Environment.ProcessorCount);
    if (name == "micro")
    {
        MicroSuite.Run();
        return 0;
    }
    var report = new SuiteReport(name, parsed.GetValue(json));
    if (name == "storage")
    {
        string? address = parsed.GetValue(storage) ?? Environment.GetEnvironmentVariable("MLEXT_TEST_POSTGRES");
        if (address is null)
        {
            Console.Error.WriteLine("storage: give --storage postgresql://… or start one with: eval \"$(tools/services/postgres.sh start)\"");
            return 1;
        }
        StorageSuite.Run(report, address, Math.Max(1, parsed.GetValue(trialCount)));
    }
    else if (name == "tuners") TunerSuite.Run(report, Math.Max(1, parsed.GetValue(seeds)), threadCount, parsed.GetValue(tuners));
    else if (name == "gemm") GemmSuite.Run(report, parsed.GetValue(quick), repeatCount, threadCount);
    else if (name == "recurrent") RecurrentSuite.Run(report, parsed.GetValue(quick), repeatCount);
    else if (name == "attention") AttentionSuite.Run(report, parsed.GetValue(quick), repeatCount);
    else if (name == "vae") VaeSuite.Run(report, parsed.GetValue(quick), repeatCount);
    else if (name == "gan") GanSuite.Run(report, parsed.GetValue(quick), repeatCount);
    else TrainSuite.Run(report, name == "train-cnn" ? TrainingBenchmark.Cnn : TrainingBenchmark.Mlp, parsed.GetValue(quick), repeatCount, !parsed.GetValue(noBaselines));
    report.Print();
    return 0;
});
return root.Parse(args).Invoke();

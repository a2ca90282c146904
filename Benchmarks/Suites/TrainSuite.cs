using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MLExt.Benchmarks.Reporting;
using MLExt.Data;
using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// A benchmark network (Adam 1e-3, batch 64) on the embedded MNIST split (8,000 train / 2,000 test):
/// fit time and training samples per second through ML.NET, steady-state samples per second of the
/// engine's training step next to what its GEMMs alone allow, managed bytes per batch, inference rows
/// per second (batch Transform and PredictionEngine), test accuracy, peak working set; and ML.NET's
/// LbfgsMaximumEntropy and LightGbm fitted on the same data.
/// </summary>
internal static class TrainSuite
{
    public static void Run(SuiteReport report, TrainingBenchmark benchmark, bool quick, int repeats, bool baselines)
    {
        int epochs = quick ? benchmark.QuickEpochs : benchmark.Epochs;
        var ml = new MLContext(seed: 1);
        var (train, test) = MnistDigits.Load().Split();
        var trainView = Cached(ml, train.ToDataView(ml));
        var testView = Cached(ml, test.ToDataView(ml));
        report.Json["data"] = new JsonObject { ["train"] = train.Count, ["test"] = test.Count };
        report.Json["epochs"] = epochs;

        var steady = SteadyState(benchmark, train, quick, repeats);
        var models = report.Table($"Fit on {train.Count:N0} MNIST digits, accuracy on {test.Count:N0}",
            "trainer", "fit (s)", "training samples/s", "test accuracy (micro)", "test accuracy (macro)", "load");

        var mlp = MeasureFit(ml, $"MLExt {benchmark.Title}", trainView, testView, ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.NeuralNetwork(new NeuralNetworkMulticlassTrainer.Options
            {
                Layers = benchmark.HiddenLayers(),
                InputShape = benchmark.InputShape,
                Optimizer = new AdamOptimizer { LearningRate = 1e-3f },
                NumberOfEpochs = epochs,
                BatchSize = TrainingBenchmark.BatchSize,
                Seed = 1,
            })), epochs * train.Count, models);
        if (baselines)
        {
            var lbfgs = MeasureFit(ml, "ML.NET LbfgsMaximumEntropy", trainView, testView, ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()), null, models);
            var lightGbm = MeasureFit(ml, "ML.NET LightGbm (1 thread)", trainView, testView, ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
                {
                    NumberOfIterations = quick ? 10 : 100,
                    // One thread: LightGbm's OpenMP workers wait for each other at every step, and on a busy
                    // machine two threads ran many times slower than one (see the README's demo section).
                    NumberOfThreads = 1,
                })), null, models);
            report.Json["lbfgsMaximumEntropy"] = new JsonObject { ["fitSeconds"] = Round(lbfgs.Seconds, 2), ["testMicroAccuracy"] = Round(lbfgs.Accuracy, 4), ["testMacroAccuracy"] = Round(lbfgs.MacroAccuracy, 4) };
            report.Json["lightGbm"] = new JsonObject { ["fitSeconds"] = Round(lightGbm.Seconds, 2), ["iterations"] = quick ? 10 : 100, ["threads"] = 1, ["testMicroAccuracy"] = Round(lightGbm.Accuracy, 4), ["testMacroAccuracy"] = Round(lightGbm.MacroAccuracy, 4) };
        }

        var inference = Inference(ml, mlp.Model, test, testView, quick, repeats);

        var profile = report.Table($"Where a training step's time goes (MLExt {benchmark.Title}, batch 64)", "part", "ms per batch", "share");
        var profileJson = new JsonArray();
        double total = steady.Profile.Sum(p => p.Seconds);
        foreach (var (part, seconds) in steady.Profile)
        {
            profile.Add([part, F(seconds * 1e3, 3), (seconds / total).ToString("P1", CultureInfo.InvariantCulture)]);
            profileJson.Add(new JsonObject { ["part"] = part, ["milliseconds"] = Math.Round(seconds * 1e3, 4) });
        }
        profile.Add(["total", F(total * 1e3, 3), $"GEMMs alone: {F(TrainingBenchmark.BatchSize / steady.GemmBound * 1e3, 3)} ms"]);
        report.Json["profile"] = profileJson;

        var step = steady.Optimizer.Forms;
        var optimizerRows = report.Table($"The Adam step alone ({benchmark.Title}, {steady.ParameterCount:N0} parameters), best of {repeats}",
            "form", "ms per step", "speed-up", "CPU ms per step, all threads", "CPU speed-up", "load");
        string[] formNames =
        [
            "previous: one thread, then a separate finiteness pass", "fused pass (update + check), one thread",
            $"fused pass, {Environment.ProcessorCount} threads (same bits)",
        ];
        var stepJson = new JsonArray();
        for (int f = 0; f < step.Length; f++)
        {
            optimizerRows.Add([formNames[f], F(step[f].Wall * 1e3, 3), F(step[0].Wall / step[f].Wall, 2), F(step[f].Cpu * 1e3, 3),
                F(step[0].Cpu / step[f].Cpu, 2), f == 0 ? steady.Optimizer.Load.ToString() : ""]);
            stepJson.Add(new JsonObject { ["form"] = formNames[f], ["milliseconds"] = Round(step[f].Wall * 1e3, 4), ["cpuMilliseconds"] = Round(step[f].Cpu * 1e3, 4) });
        }
        report.Json["adamStep"] = new JsonObject { ["forms"] = stepJson, ["load"] = steady.Optimizer.Load.ToJson() };
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;

        var figures = report.Table($"MLExt {benchmark.Title} figures", "figure", "value", "note", "load");
        figures.Add(["training samples/s, steady state (best, median)", $"{N(steady.Best)} ({N(steady.Median)})", "engine training step, batch 64, after warm-up", steady.Load.ToString()]);
        figures.Add(["GEMM-only samples/s for the same step (best)", N(steady.GemmBound), $"its {benchmark.StepGemms.Count} products at {F(steady.GemmGflops)} GFLOP/s", steady.GemmLoad.ToString()]);
        bool mlpTargets = benchmark == TrainingBenchmark.Mlp; // the targets are set for the MLP
        figures.Add(["training / GEMM-only", F(steady.Best / steady.GemmBound, 2), mlpTargets ? "target ≥ 0.5" : "", ""]);
        figures.Add(["GEMM 1024³ rate allows, samples/s", N(steady.SquareBound), $"{F(steady.SquareGflops)} GFLOP/s ÷ {F(benchmark.FlopsPerSample / 1e6, 2)} MFLOP per sample", ""]);
        figures.Add(["training / 1024³ GEMM rate", F(steady.Best / steady.SquareBound, 2), mlpTargets ? "target ≥ 0.5 if the GEMM rate is read as the 1024³ one" : "", ""]);
        figures.Add(["managed bytes allocated per batch", F(steady.BytesPerBatch, 2), "target 0 (GC.GetTotalAllocatedBytes, all threads, fewest of the repeats)", ""]);
        figures.Add(["fit through ML.NET, samples/s", N(mlp.SamplesPerSecond!.Value), $"{epochs} epochs incl. reading the data", mlp.Load.ToString()]);
        figures.Add(["fit / steady state", F(mlp.SamplesPerSecond!.Value / steady.Best, 2), mlpTargets ? "target ≥ 0.8" : "", ""]);
        var epochTimes = FitEpochs(mlp.Model);
        if (epochTimes.Length > 0)
        {
            double inEpochs = epochTimes.Sum();
            figures.Add(["fit: outside the epochs (reading the data, building), s", F(mlp.Seconds - inEpochs, 3), "fit time − Σ epoch times", ""]);
            figures.Add(["fit: first epoch, later epochs' median, s", $"{F(epochTimes[0], 3)}, {F(epochTimes.Length > 1 ? Timing.Median(epochTimes[1..]) : double.NaN, 3)}",
                "the first includes compiling the code", ""]);
        }
        figures.Add(["inference, batch Transform, rows/s (best)", N(inference.TransformRowsPerSecond), "Score and PredictedLabel read through a cursor", inference.Load.ToString()]);
        figures.Add(["inference, PredictionEngine, µs/row (best, median)", $"{F(inference.EngineMicroseconds, 2)} ({F(inference.EngineMicrosecondsMedian, 2)})", mlpTargets ? "target < 20 µs" : "", ""]);
        figures.Add(["test accuracy (micro)", mlp.Accuracy.ToString("P2", CultureInfo.InvariantCulture), $"after {epochs} epochs", ""]);
        figures.Add(["peak working set, MB", F(peak / 1048576.0, 0), "whole process, all trainers included", ""]);

        report.Json["network"] = benchmark.Title;
        report.Json["mlext"] = new JsonObject
        {
            ["fitSeconds"] = Round(mlp.Seconds), ["fitSamplesPerSecond"] = Round(mlp.SamplesPerSecond!.Value),
            ["steadySamplesPerSecond"] = Round(steady.Best), ["steadySamplesPerSecondMedian"] = Round(steady.Median),
            ["gemmOnlySamplesPerSecond"] = Round(steady.GemmBound), ["gemmOnlyGflops"] = Round(steady.GemmGflops),
            ["trainingOverGemmOnly"] = Round(steady.Best / steady.GemmBound, 3),
            ["square1024Gflops"] = Round(steady.SquareGflops), ["square1024BoundSamplesPerSecond"] = Round(steady.SquareBound),
            ["mflopPerSample"] = Round(benchmark.FlopsPerSample / 1e6, 3),
            ["allocatedBytesPerBatch"] = Round(steady.BytesPerBatch, 2),
            ["transformRowsPerSecond"] = Round(inference.TransformRowsPerSecond),
            ["predictionEngineMicrosecondsPerRow"] = Round(inference.EngineMicroseconds, 3),
            ["predictionEngineMicrosecondsPerRowMedian"] = Round(inference.EngineMicrosecondsMedian, 3),
            ["testMicroAccuracy"] = Round(mlp.Accuracy, 4), ["testMacroAccuracy"] = Round(mlp.MacroAccuracy, 4),
        };
        report.Json["peakWorkingSetMB"] = Round(peak / 1048576.0, 0);
        report.Json["measurementLoad"] = new JsonObject
        {
            ["steadyState"] = steady.Load.ToJson(), ["gemmsAlone"] = steady.GemmLoad.ToJson(), ["fit"] = mlp.Load.ToJson(), ["inference"] = inference.Load.ToJson(),
        };
        report.LoadNote();
    }

    private sealed record SteadyFigures(double Best, double Median, double GemmBound, double GemmGflops, double SquareBound, double SquareGflops, double BytesPerBatch,
        List<(string Part, double Seconds)> Profile, LoadWindow Load, LoadWindow GemmLoad, OptimizerFigures Optimizer, long ParameterCount);

    private sealed record OptimizerFigures((double Wall, double Cpu)[] Forms, LoadWindow Load);

    private static SteadyFigures SteadyState(TrainingBenchmark benchmark, MnistDigits train, bool quick, int repeats)
    {
        SuiteReport.Progress($"{benchmark.Name}: steady-state training step");
        var workload = new NetworkWorkload(benchmark, train);
        // Batches per measurement: about a quarter of a second of work at GEMM speed, at least 10.
        int batches = (int)Math.Clamp(2.5e10 / (benchmark.FlopsPerSample * TrainingBenchmark.BatchSize) * (quick ? 0.25 : 1), 10, 125);
        workload.Train(batches); // warm-up: buffers, JIT tiers, helper threads
        var rates = new List<double>();
        long fewestBytes = long.MaxValue;
        var load = LoadAverage.Open();
        for (int r = 0; r < repeats; r++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            long start = Stopwatch.GetTimestamp();
            workload.Train(batches);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            fewestBytes = Math.Min(fewestBytes, GC.GetTotalAllocatedBytes(precise: true) - before);
            rates.Add(batches * TrainingBenchmark.BatchSize / seconds);
        }

        load.Close();

        SuiteReport.Progress($"{benchmark.Name}: the step's GEMMs alone, and 1024³");
        var gemmLoad = LoadAverage.Open();
        var gemms = NetworkWorkload.Gemms(benchmark.StepGemms);
        var gemmSeconds = new List<double>();
        var square = SquareGemm();
        var squareSeconds = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            gemmSeconds.Add(Timing.SecondsPerCall(gemms, quick ? 0.05 : 0.2));
            squareSeconds.Add(Timing.SecondsPerCall(square, quick ? 0.05 : 0.2));
        }
        gemmLoad.Close();
        SuiteReport.Progress($"{benchmark.Name}: the Adam step alone, previous form, fused on one thread and on all");
        var optimizerLoad = LoadAverage.Open();
        var optimizer = new OptimizerFigures(workload.OptimizerStep(repeats, quick ? 0.05 : 0.2), optimizerLoad.Close());
        double gemmBound = TrainingBenchmark.BatchSize / gemmSeconds.Min();
        double squareGflops = 2.0 * 1024 * 1024 * 1024 / squareSeconds.Min() / 1e9;
        return new SteadyFigures(rates.Max(), Timing.Median(rates), gemmBound, gemmBound * benchmark.FlopsPerSample / 1e9,
            squareGflops * 1e9 / benchmark.FlopsPerSample, squareGflops, (double)fewestBytes / batches, workload.Profile(batches),
            load, gemmLoad, optimizer, workload.ParameterCount);
    }

    private static Action SquareGemm()
    {
        const int n = 1024;
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        var random = new RandomSource(3);
        for (int i = 0; i < a.Length; i++) (a[i], b[i]) = (random.NextFloat(), random.NextFloat());
        return () => Neural.Kernels.Gemm.Multiply(transposeA: false, transposeB: false, n, n, n, a, b, c, accumulate: false);
    }

    // ML.NET's cache loads lazily, as the first cursor over a column runs: filled here, so that no fit
    // pays for turning the in-memory rows into columns (the trainers fitted after the first would find it warm).
    private static IDataView Cached(MLContext ml, IDataView view)
    {
        var cached = ml.Data.Cache(view);
        using var cursor = cached.GetRowCursor(cached.Schema);
        while (cursor.MoveNext()) { }
        return cached;
    }

    // Seconds of each epoch of the MLExt fit (from its training history).
    private static double[] FitEpochs(ITransformer model) =>
        model is IEnumerable<ITransformer> chain && chain.LastOrDefault() is NeuralNetworkTransformer network
            ? network.History.Epochs.Select(e => e.Elapsed.TotalSeconds).ToArray() : [];

    private sealed record FitFigures(ITransformer Model, double Seconds, double? SamplesPerSecond, double Accuracy, double MacroAccuracy, LoadWindow Load);

    private static FitFigures MeasureFit(MLContext ml, string name, IDataView train, IDataView test, IEstimator<ITransformer> pipeline, int? samples, List<string[]> rows)
    {
        SuiteReport.Progress($"fitting {name}");
        var load = LoadAverage.Open();
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        load.Close();
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
        double? rate = samples / seconds;
        rows.Add([name, F(seconds, 2), rate is double r ? N(r) : "", metrics.MicroAccuracy.ToString("P2", CultureInfo.InvariantCulture), metrics.MacroAccuracy.ToString("P2", CultureInfo.InvariantCulture), load.ToString()]);
        return new FitFigures(model, seconds, rate, metrics.MicroAccuracy, metrics.MacroAccuracy, load);
    }

    private sealed record InferenceFigures(double TransformRowsPerSecond, double EngineMicroseconds, double EngineMicrosecondsMedian, LoadWindow Load);

    private static InferenceFigures Inference(MLContext ml, ITransformer model, MnistDigits test, IDataView testView, bool quick, int repeats)
    {
        SuiteReport.Progress("inference");
        var load = LoadAverage.Open();
        var transformRates = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            double seconds = Timing.SecondsPerCall(() => ReadScores(model.Transform(testView)), quick ? 0.1 : 0.5);
            transformRates.Add(test.Count / seconds);
        }

        var engine = ml.Model.CreatePredictionEngine<MnistRow, MnistPrediction>(model);
        var rows = Enumerable.Range(0, test.Count).Select(i => new MnistRow { Label = test.Labels[i], Features = test.Images[i] }).ToArray();
        var prediction = new MnistPrediction();
        int next = 0;
        Action one = () =>
        {
            engine.Predict(rows[next], ref prediction);
            next = next + 1 == rows.Length ? 0 : next + 1;
        };
        var micros = new List<double>();
        for (int r = 0; r < repeats; r++) micros.Add(Timing.SecondsPerCall(one, quick ? 0.1 : 0.5) * 1e6);
        return new InferenceFigures(transformRates.Max(), micros.Min(), Timing.Median(micros), load.Close());
    }

    // Reads Score and PredictedLabel of every row, as a consumer of the scored data would.
    private static void ReadScores(IDataView scored)
    {
        var score = scored.Schema["Score"];
        var label = scored.Schema["PredictedLabel"];
        using var cursor = scored.GetRowCursor([score, label]);
        var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
        var labelGetter = cursor.GetGetter<uint>(label);
        VBuffer<float> scores = default;
        uint key = 0;
        while (cursor.MoveNext())
        {
            scoreGetter(ref scores);
            labelGetter(ref key);
        }
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, int digits = 1) => value.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static double Round(double value, int digits = 1) => Math.Round(value, digits);
}

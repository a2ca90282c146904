using System.Globalization;
using System.Text.Json.Nodes;
using MLExt.Benchmarks.Native;
using MLExt.Benchmarks.Reporting;
using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// GFLOP/s of MLExt's GEMM and of OpenBLAS's <c>cblas_sgemm</c> on the same inputs in the same run,
/// alternating the two <c>repeats</c> times; the ratio is MLExt / OpenBLAS (above 1: MLExt is faster).
/// OpenBLAS runs its AVX-512 kernels where the CPU has AVX-512 (see <see cref="OpenBlas"/>), and the
/// machine's measured FMA peak (<see cref="FmaPeak"/>) is printed with each rate's fraction of it, so
/// every figure reads against the strongest reference and the physical limit. Each row carries the
/// load average before and after its measurement.
/// </summary>
internal static class GemmSuite
{
    public static void Run(SuiteReport report, bool quick, int repeats, int threads)
    {
        var blas = OpenBlas.TryLoad(out string blasMessage);
        SuiteReport.Progress(blasMessage);
        if (blas is not null)
        {
            blas.Threads = threads;
            report.Json["openblas"] = new JsonObject { ["path"] = blas.Path, ["core"] = blas.Core, ["config"] = blas.Config, ["threads"] = blas.Threads };
        }
        else report.Note(blasMessage);
        report.Json["threads"] = threads;
        report.Json["repeats"] = repeats;

        SuiteReport.Progress($"FMA peak probe ({FmaPeak.VectorBits}-bit vectors, {threads} thread(s))");
        var peakLoad = LoadAverage.Open();
        double peak = 0;
        for (int r = 0; r < repeats; r++) peak = Math.Max(peak, FmaPeak.Measure(threads, quick ? 0.05 : 0.2));
        peakLoad.Close();
        report.Json["fmaPeak"] = new JsonObject
        {
            ["gflops"] = Round(peak), ["vectorBits"] = FmaPeak.VectorBits, ["threads"] = threads, ["load"] = peakLoad.ToJson(),
        };
        var peakRows = report.Table("The machine's limits", "figure", "value", "load before→after");
        peakRows.Add([$"FMA peak, {FmaPeak.VectorBits}-bit vectors, {threads} thread(s), best of {repeats}", $"{F(peak)} GFLOP/s", peakLoad.ToString()]);
        if (blas is not null)
            peakRows.Add(["OpenBLAS kernels (openblas_get_corename)", blas.Core + (OpenBlas.RequestedCore is null ? "" : " (OPENBLAS_CORETYPE set by the suite)"), ""]);

        var rows = report.Table($"GEMM, GFLOP/s with {threads} thread(s), best of {repeats} (median in brackets)",
            "shape", "form", "m×n×k", "MLExt", "OpenBLAS", "ratio", "MLExt / peak", "max rel. diff", "load");
        var results = new JsonArray();
        double seconds = quick ? 0.05 : 0.15;
        foreach (var shape in GemmCase.Standard(quick))
        {
            SuiteReport.Progress($"gemm {shape.Name} ({shape.M}×{shape.N}×{shape.K}, {shape.Form})");
            var random = new RandomSource(shape.M * 31 + shape.N * 7 + shape.K);
            var a = Values(random, shape.M * shape.K);
            var b = Values(random, shape.K * shape.N);
            var ours = new float[shape.M * shape.N];
            var theirs = new float[shape.M * shape.N];
            Action mlext = () => Gemm.Multiply(shape.TransposeA, shape.TransposeB, shape.M, shape.N, shape.K, a, b, ours, accumulate: false, Gemm.BestPath, threads);
            Action? reference = blas is null ? null : () => blas.Multiply(shape.TransposeA, shape.TransposeB, shape.M, shape.N, shape.K, a, b, theirs, false);

            var ourTimes = new List<double>();
            var theirTimes = new List<double>();
            var ratios = new List<double>();
            mlext();
            reference?.Invoke();
            var load = LoadAverage.Open();
            for (int r = 0; r < repeats; r++)
            {
                ourTimes.Add(Timing.SecondsPerCall(mlext, seconds));
                if (reference is null) continue;
                theirTimes.Add(Timing.SecondsPerCall(reference, seconds));
                ratios.Add(theirTimes[^1] / ourTimes[^1]);
            }

            load.Close();
            double ourBest = shape.Flops / ourTimes.Min() / 1e9, ourMedian = shape.Flops / Timing.Median(ourTimes) / 1e9;
            var entry = new JsonObject
            {
                ["name"] = shape.Name, ["form"] = shape.Form, ["m"] = shape.M, ["n"] = shape.N, ["k"] = shape.K,
                ["mlextGflops"] = Round(ourBest), ["mlextGflopsMedian"] = Round(ourMedian),
                ["mlextOverPeak"] = Round(ourBest / peak, 3), ["load"] = load.ToJson(),
            };
            string theirText = "n/a", ratioText = "n/a", diffText = "n/a";
            if (blas is not null)
            {
                double theirBest = shape.Flops / theirTimes.Min() / 1e9, theirMedian = shape.Flops / Timing.Median(theirTimes) / 1e9;
                double ratio = theirTimes.Min() / ourTimes.Min(), medianRatio = Timing.Median(ratios);
                double difference = MaxRelativeDifference(ours, theirs);
                entry["openblasGflops"] = Round(theirBest);
                entry["openblasGflopsMedian"] = Round(theirMedian);
                entry["ratio"] = Round(ratio, 3);
                entry["ratioMedian"] = Round(medianRatio, 3);
                entry["maxRelativeDifference"] = difference;
                theirText = $"{F(theirBest)} ({F(theirMedian)})";
                ratioText = $"{ratio.ToString("F2", CultureInfo.InvariantCulture)} ({medianRatio.ToString("F2", CultureInfo.InvariantCulture)})";
                diffText = difference.ToString("E1", CultureInfo.InvariantCulture);
            }
            results.Add(entry);
            rows.Add([shape.Name, shape.Form, $"{shape.M}×{shape.N}×{shape.K}", $"{F(ourBest)} ({F(ourMedian)})", theirText, ratioText,
                (ourBest / peak).ToString("F2", CultureInfo.InvariantCulture), diffText, load.ToString()]);
        }
        report.Json["gemm"] = results;
        report.LoadNote();
    }

    private static float[] Values(RandomSource random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = random.NextFloat() * 2f - 1f;
        return values;
    }

    // max |ours − theirs| / max |theirs|: both compute the same sums in different orders.
    private static double MaxRelativeDifference(float[] ours, float[] theirs)
    {
        double scale = 0, difference = 0;
        for (int i = 0; i < ours.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(theirs[i]));
            difference = Math.Max(difference, Math.Abs(ours[i] - theirs[i]));
        }
        return scale == 0 ? difference : difference / scale;
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static double Round(double value, int digits = 2) => Math.Round(value, digits);
}

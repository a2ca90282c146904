using System.Globalization;
using System.Text.Json.Nodes;
using MLExt.Benchmarks.Reporting;
using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// Graph networks on seeded planted-partition graphs: the sparse × dense product against a plain one-thread CSR loop
/// (the in-process reference) and against the memory-bandwidth bound (bandwidth measured here by a streaming add);
/// a full-graph GCN training epoch's time and memory at 10k, 100k and 1M edges; and test accuracy of GCN, GAT,
/// GraphSAGE, a feature-only MLP and label propagation as homophily falls.
/// </summary>
internal static class GraphSuite
{
    private static readonly int[] EdgeCounts = [10_000, 100_000, 1_000_000];
    private const int Width = 64;

    public static void Run(SuiteReport report, bool quick, int repeats)
    {
        double seconds = quick ? 0.05 : 0.3;
        double bandwidth = MeasureBandwidth(seconds);
        report.Note($"Streaming bandwidth (c = a + b over 3 arrays of 64 MB, all cores): {bandwidth / 1e9:F1} GB/s.");
        SparseProduct(report, quick, repeats, seconds, bandwidth);
        Epochs(report, quick, repeats);
        Homophily(report, quick);
        report.LoadNote();
    }

    private static void SparseProduct(SuiteReport report, bool quick, int repeats, double seconds, double bandwidth)
    {
        var rows = report.Table($"Sparse × dense product Y = A·X, X of nodes × {Width}, best of {repeats}",
            "edges (entries)", "nodes", "ms", "GFLOP/s", "bound GFLOP/s", "of bound", "plain loop ms", "speed-up", "load");
        var results = new JsonArray();
        foreach (int edges in quick ? EdgeCounts[..2] : EdgeCounts)
        {
            SuiteReport.Progress($"graph spmm {edges}");
            var g = PlantedPartition.Generate(edges / 10, 4, edges, 0.8, 1, 1.0, seed: 1);
            var a = SparseAdjacency.FromEdges(g.NodeCount, g.Sources, g.Targets, [], undirected: true);
            var x = new float[a.NodeCount * Width];
            var random = new RandomSource(2);
            for (int i = 0; i < x.Length; i++) x[i] = random.NextGaussian();
            var y = new float[x.Length];
            var times = new List<double>();
            var plain = new List<double>();
            var load = LoadAverage.Open();
            for (int r = 0; r < repeats; r++)
            {
                times.Add(Timing.SecondsPerCall(() => a.Multiply(x, y, Width), seconds));
                plain.Add(Timing.SecondsPerCall(() => PlainProduct(a, x, y, Width), seconds));
            }
            load.Close();
            double flops = 2.0 * a.EntryCount * Width;
            // Least traffic: indices and weights once, X read once (perfect reuse), Y written once.
            double bytes = 8.0 * a.EntryCount + 4.0 * (a.NodeCount + 1) + 2 * 4.0 * a.NodeCount * Width;
            double gflops = flops / times.Min() / 1e9, bound = flops / (bytes / bandwidth) / 1e9;
            rows.Add([$"{edges:N0} ({a.EntryCount:N0})", a.NodeCount.ToString("N0", CultureInfo.InvariantCulture),
                $"{times.Min() * 1e3:F3}", $"{gflops:F2}", $"{bound:F2}", $"{gflops / bound:P0}", $"{plain.Min() * 1e3:F3}",
                $"{plain.Min() / times.Min():F2}×", load.ToString()]);
            results.Add(new JsonObject
            {
                ["edges"] = edges, ["entries"] = a.EntryCount, ["nodes"] = a.NodeCount, ["seconds"] = times.Min(),
                ["gflops"] = gflops, ["boundGflops"] = bound, ["plainSeconds"] = plain.Min(), ["load"] = load.ToJson(),
            });
        }
        report.Json["spmm"] = results;
    }

    // The reference: the textbook CSR loop, one thread, no vectors.
    private static void PlainProduct(SparseAdjacency a, float[] x, float[] y, int width)
    {
        for (int i = 0; i < a.NodeCount; i++)
            for (int c = 0; c < width; c++)
            {
                float sum = 0;
                for (int e = a.RowStarts[i]; e < a.RowStarts[i + 1]; e++) sum += a.Weights[e] * x[a.Columns[e] * width + c];
                y[i * width + c] = sum;
            }
    }

    private static double MeasureBandwidth(double seconds)
    {
        const int length = 16 << 20;
        var a = new float[length];
        var b = new float[length];
        var c = new float[length];
        Array.Fill(a, 1f);
        Array.Fill(b, 2f);
        int threads = Environment.ProcessorCount, chunk = length / threads;
        double t = Timing.SecondsPerCall(() => Parallel.For(0, threads, k =>
            System.Numerics.Tensors.TensorPrimitives.Add(a.AsSpan(k * chunk, chunk), b.AsSpan(k * chunk, chunk), c.AsSpan(k * chunk, chunk))), seconds);
        return 3.0 * 4 * length / t;
    }

    private static void Epochs(SuiteReport report, bool quick, int repeats)
    {
        var rows = report.Table("Full-graph GCN training epoch (32 features, 16 hidden, 4 classes, Adam), best of " +
            $"{repeats}", "edges", "nodes", "epoch ms", "edges/s", "graph MB (CSR + derived)", "bytes allocated/epoch",
            "managed heap MB", "load");
        var results = new JsonArray();
        foreach (int edges in quick ? EdgeCounts[..2] : EdgeCounts)
        {
            SuiteReport.Progress($"graph epoch {edges}");
            var g = PlantedPartition.Generate(edges / 10, 4, edges, 0.8, 32, 1.0, seed: 3);
            var a = SparseAdjacency.FromEdges(g.NodeCount, g.Sources, g.Targets, [], undirected: true);
            var graph = new NodeGraph(g.Features, g.FeatureCount, a);
            var labels = g.Labels.Select((l, i) => i % 5 == 0 ? l : -1).ToArray(); // 5 and the 4 classes are coprime: every class labelled
            var model = NodeNetworks.Build(NodeNetworkKind.Gcn, 32, 4, 16, 0.5f, new RandomSource(4));
            var options = new TrainingOptions { NumberOfEpochs = 1, Optimizer = new AdamOptimizer { LearningRate = 0.01f } };
            NodeTraining.Fit(model, graph, labels, options, new RandomSource(5));
            var times = new List<double>();
            var load = LoadAverage.Open();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int r = 0; r < repeats; r++)
            {
                var history = NodeTraining.Fit(model, graph, labels, options, new RandomSource(5));
                times.Add(history.Epochs[0].Elapsed.TotalSeconds);
            }
            long bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / repeats;
            load.Close();
            double graphBytes = Bytes(a) + Bytes(a.Transpose()) + Bytes(a.NormalizedWithSelfLoops()) + Bytes(a.NormalizedWithSelfLoops().Transpose());
            double heap = GC.GetGCMemoryInfo().HeapSizeBytes / 1e6;
            rows.Add([edges.ToString("N0", CultureInfo.InvariantCulture), a.NodeCount.ToString("N0", CultureInfo.InvariantCulture),
                $"{times.Min() * 1e3:F1}", $"{a.EntryCount / times.Min():N0}", $"{graphBytes / 1e6:F1}", bytes.ToString("N0", CultureInfo.InvariantCulture),
                $"{heap:F0}", load.ToString()]);
            results.Add(new JsonObject
            {
                ["edges"] = edges, ["nodes"] = a.NodeCount, ["epochSeconds"] = times.Min(), ["graphBytes"] = graphBytes,
                ["allocatedBytesPerFit"] = bytes, ["heapMegabytes"] = heap, ["load"] = load.ToJson(),
            });
        }
        report.Note("Bytes allocated per epoch include TrainingLoop.Fit's set-up (one epoch per Fit call here).");
        report.Json["epochs"] = results;
    }

    private static double Bytes(SparseAdjacency a) => 4.0 * (a.RowStarts.Length + 2 * a.EntryCount);

    private static void Homophily(SuiteReport report, bool quick)
    {
        double[] levels = quick ? [0.9, 0.5] : [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.25];
        var table = report.Table("Test accuracy on planted partitions (2,000 nodes, 4 classes, 8,000 edges, 16 noisy features, " +
            "20 labelled nodes per class), mean of 3 seeds", "homophily", "GCN", "GAT", "GraphSAGE", "MLP (features only)", "label propagation");
        var results = new JsonArray();
        foreach (double h in levels)
        {
            SuiteReport.Progress($"graph homophily {h}");
            var sums = new double[5];
            for (int seed = 0; seed < 3; seed++)
            {
                var scores = HomophilyRun.Accuracies(h, seed, epochs: quick ? 50 : 200);
                for (int k = 0; k < 5; k++) sums[k] += scores[k] / 3;
            }
            table.Add([h.ToString("F2", CultureInfo.InvariantCulture), .. sums.Select(s => s.ToString("P1", CultureInfo.InvariantCulture))]);
            results.Add(new JsonObject
            {
                ["homophily"] = h, ["gcn"] = sums[0], ["gat"] = sums[1], ["sage"] = sums[2], ["mlp"] = sums[3], ["labelPropagation"] = sums[4],
            });
        }
        report.Json["homophily"] = results;
    }
}

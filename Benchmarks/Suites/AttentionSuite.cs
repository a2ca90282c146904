using System.Globalization;
using System.Text.Json.Nodes;
using MLExt.Benchmarks.Reporting;
using MLExt.Neural;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// Speed of the attention layers at engine level: a Transformer encoder block's training pass (forward and
/// backward, dropout 0.1) and inference forward, and multi-head self-attention alone, in sequence positions
/// per second, with the managed bytes a warm training pass allocates. No in-process reference exists here.
/// </summary>
internal static class AttentionSuite
{
    private static readonly (int Batch, int Time, int Model, int Heads)[] Shapes =
        [(32, 16, 32, 2), (32, 64, 64, 4), (16, 128, 128, 8)];

    public static void Run(SuiteReport report, bool quick, int repeats)
    {
        var rows = report.Table($"Transformer encoder block (feed-forward 4·dModel), best of {repeats} (median in brackets)",
            "batch×time×dModel, heads", "train pass ms", "positions/s (train)", "inference ms", "attention train ms", "bytes/pass", "load");
        var results = new JsonArray();
        double seconds = quick ? 0.05 : 0.3;
        foreach (var (batch, time, model, heads) in quick ? Shapes[..1] : Shapes)
        {
            string name = $"{batch}×{time}×{model}, {heads}";
            SuiteReport.Progress($"attention {name}");
            var block = new TransformerEncoderBlock(model, heads, 4 * model);
            block.Build([time, model], new RandomSource(1));
            var random = new RandomSource(2);
            var x = new Tensor(batch, time, model);
            var dy = new Tensor(batch, time, model);
            for (int i = 0; i < x.Length; i++) (x[i], dy[i]) = (random.NextGaussian(), 0.01f * random.NextGaussian());
            var attention = block.Attention;
            Action train = () => { block.Forward(x, true); block.Backward(dy); };
            Action infer = () => block.Forward(x, false);
            Action attend = () => { attention.Forward(x, true); attention.Backward(dy); };
            var times = new List<double>[3] { [], [], [] };
            var load = LoadAverage.Open();
            for (int r = 0; r < repeats; r++)
            {
                times[0].Add(Timing.SecondsPerCall(train, seconds));
                times[1].Add(Timing.SecondsPerCall(infer, seconds));
                times[2].Add(Timing.SecondsPerCall(attend, seconds));
            }
            load.Close();
            train();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            train();
            long bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
            string Ms(List<double> t) => $"{t.Min() * 1e3:F2} ({Timing.Median(t) * 1e3:F2})";
            rows.Add([name, Ms(times[0]), (batch * time / times[0].Min()).ToString("N0", CultureInfo.InvariantCulture), Ms(times[1]), Ms(times[2]),
                bytes.ToString(CultureInfo.InvariantCulture), load.ToString()]);
            results.Add(new JsonObject
            {
                ["batch"] = batch, ["time"] = time, ["dModel"] = model, ["heads"] = heads,
                ["trainSeconds"] = times[0].Min(), ["trainSecondsMedian"] = Timing.Median(times[0]),
                ["inferenceSeconds"] = times[1].Min(), ["attentionTrainSeconds"] = times[2].Min(), ["bytesPerTrainPass"] = bytes,
                ["load"] = load.ToJson(),
            });
        }
        report.Json["attention"] = results;
        report.LoadNote();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLExt.Benchmarks.Reporting;
using MLExt.Neural;
using MLExt.Trainers;
using Tensor = MLExt.Neural.Tensor;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// ResNet-18 inference throughput (images per second, 224 × 224) on the package's ResNet18.onnx: MLExt's import of the
/// file against ONNX Runtime running the same file in the same process (the file fixes the batch at 1, so ONNX Runtime
/// runs one image per call; MLExt runs batches of 1 and 8).
/// </summary>
internal static class ResNetSuite
{
    public static void Run(SuiteReport report, bool quick, int repeats)
    {
        var graph = OnnxImport.ReadGraph(PretrainedModels.ResNet18File);
        var random = new RandomSource(1);
        var images = new Tensor(8, 3, 224, 224);
        for (int i = 0; i < images.Length; i++) images[i] = random.NextGaussian();
        var one = new Tensor(images.Span[..(3 * 224 * 224)].ToArray(), 1, 3, 224, 224);
        using var session = new InferenceSession(PretrainedModels.ResNet18File);
        var input = new[] { NamedOnnxValue.CreateFromTensor("Input247", new DenseTensor<float>(one.Span.ToArray(), new[] { 1, 3, 224, 224 })) };
        double seconds = quick ? 0.5 : 3;
        var mlextOne = new List<double>();
        var mlextEight = new List<double>();
        var onnx = new List<double>();
        var load = LoadAverage.Open();
        for (int r = 0; r < repeats; r++)
        {
            SuiteReport.Progress($"resnet18 repeat {r + 1} of {repeats}");
            onnx.Add(Timing.SecondsPerCall(() => { using var _ = session.Run(input); }, seconds));
            mlextOne.Add(Timing.SecondsPerCall(() => graph.Forward(one, training: false), seconds));
            if (!quick) mlextEight.Add(Timing.SecondsPerCall(() => graph.Forward(images, training: false), seconds) / 8);
        }
        load.Close();
        var rows = report.Table($"ResNet-18 inference on ResNet18.onnx (224×224), best of {repeats} (median in brackets)",
            "engine", "ms per image", "images/s", "vs ONNX Runtime", "load");
        string Row(List<double> t) => $"{t.Min() * 1e3:F1} ({Timing.Median(t) * 1e3:F1})";
        string Rate(List<double> t) => (1 / t.Min()).ToString("F2", CultureInfo.InvariantCulture);
        string Ratio(List<double> t) => (onnx.Min() / t.Min()).ToString("F2", CultureInfo.InvariantCulture) + "×";
        rows.Add(["ONNX Runtime (batch 1)", Row(onnx), Rate(onnx), "1.00×", load.ToString()]);
        rows.Add(["MLExt (batch 1)", Row(mlextOne), Rate(mlextOne), Ratio(mlextOne), load.ToString()]);
        if (mlextEight.Count > 0) rows.Add(["MLExt (batch 8)", Row(mlextEight), Rate(mlextEight), Ratio(mlextEight), load.ToString()]);
        report.Json["resnet18"] = new JsonObject
        {
            ["onnxRuntimeSecondsPerImage"] = onnx.Min(), ["mlextBatch1SecondsPerImage"] = mlextOne.Min(),
            ["mlextBatch8SecondsPerImage"] = mlextEight.Count > 0 ? mlextEight.Min() : null, ["load"] = load.ToJson(),
        };
        report.Note("throughput relative to ONNX Runtime's: higher is faster; both use every core the machine gives.");
        report.LoadNote();
    }
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>GaussianSampling at inference is the mean: the first half of each sample (ONNX Slice on axis 1).</summary>
internal static class GaussianSamplingExporter
{
    public static string Export(GaussianSampling layer, string input, OnnxGraphBuilder graph) => layer.SampleAtInference
        ? throw new NotSupportedException("it samples at inference (sampleAtInference: true), and ONNX has no generator that " +
            "draws MLExt's ε; export a copy built with sampleAtInference: false, which writes the mean.")
        : graph.AddNode("Slice", "gaussian_mean",
        [
            input, graph.AddInt64Constant("mean_starts", [0]), graph.AddInt64Constant("mean_ends", [layer.OutputShape[0]]),
            graph.AddInt64Constant("mean_axes", [1]),
        ]);
}

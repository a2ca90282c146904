namespace MLExt.Neural.Onnx.Layers;

/// <summary>GaussianSampling at inference is the mean: the first half of each sample (ONNX Slice on axis 1).</summary>
internal static class GaussianSamplingExporter
{
    public static string Export(GaussianSampling layer, string input, OnnxGraphBuilder graph) =>
        graph.AddNode("Slice", "gaussian_mean",
        [
            input, graph.AddInt64Constant("mean_starts", [0]), graph.AddInt64Constant("mean_ends", [layer.OutputShape[0]]),
            graph.AddInt64Constant("mean_axes", [1]),
        ]);
}

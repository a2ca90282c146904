namespace MLExt.Neural.Onnx.Layers;

/// <summary>BatchNormalization as ONNX BatchNormalization in inference mode: the running mean and variance, channel axis 1.</summary>
internal static class BatchNormalizationExporter
{
    public static string Export(BatchNormalization layer, string input, OnnxGraphBuilder graph)
    {
        string Constant(string hint, Parameter p) => graph.AddConstant(hint, p.Value.Shape, p.Value.Span);
        return graph.AddNode("BatchNormalization", "batch_norm",
            [input, Constant("bn_gamma", layer.Gamma), Constant("bn_beta", layer.Beta), Constant("bn_mean", layer.RunningMean), Constant("bn_variance", layer.RunningVariance)],
            OnnxAttributes.Float("epsilon", layer.Epsilon));
    }
}

namespace MLExt.Neural.Onnx.Layers;

/// <summary>LayerNormalization as ONNX LayerNormalization (opset 17) over the last normalizedRank axes.</summary>
internal static class LayerNormalizationExporter
{
    public static string Export(LayerNormalization layer, string input, OnnxGraphBuilder graph) =>
        graph.AddNode("LayerNormalization", "layer_norm",
            [input, graph.AddConstant("ln_gamma", layer.Gamma.Value.Shape, layer.Gamma.Value.Span), graph.AddConstant("ln_beta", layer.Beta.Value.Shape, layer.Beta.Value.Span)],
            OnnxAttributes.Int("axis", -layer.NormalizedRank), OnnxAttributes.Float("epsilon", layer.Epsilon));
}

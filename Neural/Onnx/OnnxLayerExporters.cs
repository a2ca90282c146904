using MLExt.Neural.Onnx.Layers;

namespace MLExt.Neural.Onnx;

/// <summary>
/// Writes a built layer as ONNX operators: reads the value named by the input (<c>[N, ...InputShape]</c>)
/// and returns the name of the value it produces (<c>[N, ...OutputShape]</c>).
/// </summary>
internal delegate string OnnxLayerExporter(Layer layer, string input, OnnxGraphBuilder graph);

/// <summary>
/// The ONNX exporter of each layer type, keyed by the layer's class. A new layer gets one small file in
/// <c>Neural/Onnx/Layers</c> and one line here. A layer without an entry makes export fail with a
/// message naming it, never a partial file.
/// </summary>
internal static class OnnxLayerExporters
{
    private static readonly Dictionary<Type, OnnxLayerExporter> Exporters = new()
    {
        [typeof(Dense)] = For<Dense>(DenseExporter.Export),
        [typeof(Dropout)] = For<Dropout>(DropoutExporter.Export),
        [typeof(ActivationLayer)] = For<ActivationLayer>(ActivationLayerExporter.Export),
    };

    /// <summary>The layer types that can be exported.</summary>
    public static IEnumerable<string> SupportedTypes => Exporters.Keys.Select(t => t.Name).Order();

    /// <summary>Exports <paramref name="layer"/>; <paramref name="path"/> names it (and its enclosing layers) in errors.</summary>
    /// <exception cref="NotSupportedException">No exporter for the layer's type, or the exporter rejected its settings.</exception>
    public static string Export(Layer layer, string input, OnnxGraphBuilder graph, string path)
    {
        if (!layer.IsBuilt)
            throw new InvalidOperationException($"Layer {path} is not built; build (train) the network before exporting it.");
        if (!Exporters.TryGetValue(layer.GetType(), out var exporter))
            throw new NotSupportedException(
                $"Layer {path} ({layer}) cannot be exported to ONNX: MLExt has no ONNX exporter for {layer.GetType().Name}. Layers that export: {string.Join(", ", SupportedTypes)}.");
        try
        {
            return exporter(layer, input, graph);
        }
        catch (NotSupportedException e) when (!e.Message.StartsWith("Layer ", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Layer {path} ({layer}) cannot be exported to ONNX: {e.Message}", e);
        }
    }

    private static OnnxLayerExporter For<TLayer>(Func<TLayer, string, OnnxGraphBuilder, string> export) where TLayer : Layer =>
        (layer, input, graph) => export((TLayer)layer, input, graph);
}

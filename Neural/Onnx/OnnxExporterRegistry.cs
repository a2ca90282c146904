using MLExt.Neural.Onnx;

namespace MLExt.Neural;

/// <summary>
/// Public registration of ONNX exporters for layers written by users: with one registered, a network or graph
/// containing the layer exports to ONNX (and through the trainers' ONNX-based saving) like a built-in one.
/// </summary>
public static class OnnxExporterRegistry
{
    /// <summary>
    /// Registers the exporter of <typeparamref name="TLayer"/> (and its subclasses without their own): given the built
    /// layer and the name of its input value (<c>[N, ...InputShape]</c>), it adds nodes and returns the name of the
    /// output value (<c>[N, ...OutputShape]</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The type already has an exporter (built-in types cannot be replaced).</exception>
    public static void Register<TLayer>(Func<TLayer, string, OnnxExportContext, string> exporter) where TLayer : Layer
    {
        ArgumentNullException.ThrowIfNull(exporter);
        OnnxLayerExporters.Register(typeof(TLayer), (layer, input, graph) => exporter((TLayer)layer, input, new OnnxExportContext(graph)));
    }

    /// <summary>Whether layers of <paramref name="layerType"/> can be exported (by their own or a base class's
    /// exporter).</summary>
    public static bool CanExport(Type layerType) => OnnxLayerExporters.CanExport(layerType);

    /// <summary>The layer types with an exporter (a base class stands for its subclasses), sorted.</summary>
    public static IReadOnlyList<string> SupportedTypes => OnnxLayerExporters.SupportedTypes.ToArray();
}

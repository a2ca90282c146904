using MLExt.Neural.Onnx;

namespace MLExt.Neural;

/// <summary>
/// What a user's layer exporter writes into (see <see cref="OnnxExporterRegistry.Register{TLayer}"/>): constants,
/// standard ONNX operators (opset <see cref="OpsetVersion"/>) and other layers. Values are named by strings; every
/// method returns the name of the value it adds. Tensors carry the batch as their first axis.
/// </summary>
public sealed class OnnxExportContext
{
    private readonly OnnxGraphBuilder _graph;

    internal OnnxExportContext(OnnxGraphBuilder graph) => _graph = graph;

    /// <summary>The ONNX operator set the exported models import.</summary>
    public const int OpsetVersion = OnnxGraphBuilder.OpsetVersion;

    /// <summary>
    /// The padding mask <c>[N, time]</c> (1 real, 0 padding) of the sequences at this point, or null: a layer that
    /// consumes masks reads it; a layer that changes it (removes the time axis) sets it.
    /// </summary>
    public string? SequenceMask
    {
        get => _graph.SequenceMask;
        set => _graph.SequenceMask = value;
    }

    /// <summary>A float constant (such as weights) of shape <paramref name="shape"/>, row-major values.</summary>
    public string AddConstant(string hint, int[] shape, ReadOnlySpan<float> values) => _graph.AddConstant(hint, shape, values);

    /// <summary>A float scalar constant.</summary>
    public string AddScalar(string hint, float value) => _graph.AddScalar(hint, value);

    /// <summary>A 1-D int64 constant (shapes, axes, slice bounds).</summary>
    public string AddInt64Constant(string hint, ReadOnlySpan<long> values) => _graph.AddInt64Constant(hint, values);

    /// <summary>A node of the standard ONNX domain with one output; returns the output's name.</summary>
    public string AddNode(string opType, IEnumerable<string> inputs, params OnnxAttribute[] attributes) =>
        _graph.AddNode(opType, opType.ToLowerInvariant(), inputs, attributes.Select(a => a.ToProto()).ToArray());

    /// <summary>Another (built) layer's operators reading <paramref name="input"/>, for composite layers.</summary>
    public string AddLayer(Layer layer, string input) => _graph.AddLayer(layer, input);
}

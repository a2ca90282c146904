using Google.Protobuf;
using MLExt.Neural.Onnx;

namespace MLExt.Neural;

/// <summary>ONNX export of a built <see cref="ModelGraph"/>.</summary>
public static class ModelGraphOnnxExtensions
{
    /// <summary>
    /// Writes the graph as a standard ONNX model (opset 17, IR version 8): one float input per graph input and one
    /// float output per graph output, named as in the graph, each <c>[N, ...shape]</c> with a symbolic batch
    /// dimension <c>N</c> (token ids are float inputs, as the engine takes them). Shared layers are written once per
    /// application (the same weights each time). Nothing is written when a node cannot be exported.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer or merge has no ONNX form; the message names its node.</exception>
    /// <exception cref="ArgumentException">An input and an output share a name.</exception>
    public static void ExportOnnx(this ModelGraph graph, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(stream);
        GraphOnnxExporter.ToModel(graph).WriteTo(stream);
    }

    /// <summary>The ONNX model of <see cref="ExportOnnx(ModelGraph, Stream)"/> as bytes.</summary>
    public static byte[] ExportOnnx(this ModelGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return GraphOnnxExporter.ToModel(graph).ToByteArray();
    }
}

using Google.Protobuf;
using MLExt.Neural.Onnx;

namespace MLExt.Neural;

/// <summary>ONNX export of a trained <see cref="Network"/>.</summary>
public static class NetworkOnnxExtensions
{
    /// <summary>
    /// Writes the network as a standard ONNX model (opset 17, IR version 8): one float input
    /// <paramref name="inputName"/> of shape <c>[N, ...InputShape]</c> with a symbolic batch dimension
    /// <c>N</c>, and one float output <paramref name="outputName"/> of shape <c>[N, ...OutputShape]</c>
    /// holding the network's raw outputs (logits for classifiers). Weights are stored in the file.
    /// Dropout and other training-only layers do not appear. Nothing is written when a layer cannot be exported.
    /// </summary>
    /// <exception cref="InvalidOperationException">The network is not built.</exception>
    /// <exception cref="NotSupportedException">A layer has no ONNX form; the message names its position and type.</exception>
    public static void ExportOnnx(this Network network, Stream stream, string inputName = "input", string outputName = "output")
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        var model = NetworkOnnxExporter.ToModel(network, inputName, outputName);
        model.WriteTo(stream);
    }

    /// <summary>The ONNX model of <see cref="ExportOnnx(Network, Stream, string, string)"/> as bytes.</summary>
    public static byte[] ExportOnnx(this Network network, string inputName = "input", string outputName = "output")
    {
        ArgumentNullException.ThrowIfNull(network);
        return NetworkOnnxExporter.ToModel(network, inputName, outputName).ToByteArray();
    }
}

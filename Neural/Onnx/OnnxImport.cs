using MLExt.Neural.Onnx.Import;

namespace MLExt.Neural;

/// <summary>
/// Reads ONNX models into MLExt: each node becomes a layer or merge (Conv → <see cref="Conv2D"/>, Gemm/MatMul →
/// <see cref="Dense"/>, BatchNormalization, pooling, activations, Add/Sub/Mul between values → merges, with a
/// constant → <see cref="ConstantOperation"/>, Reshape, Flatten, Concat, Slice); initialisers become the layers'
/// weights and states. Nodes keep their ONNX names. Anything else fails before any weight is read, naming the file,
/// the node and its operator or attribute.
/// </summary>
public static class OnnxImport
{
    /// <summary>The ONNX operators MLExt imports.</summary>
    public static IReadOnlyList<string> SupportedOperators => OnnxGraphReader.SupportedOperators;

    /// <summary>The model in <paramref name="path"/> as a built graph holding its weights (inputs and outputs named as
    /// in the file; the first dimension of every input is the batch).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not ONNX, or its shapes do not fit together.</exception>
    /// <exception cref="NotSupportedException">An opset, operator or attribute MLExt does not import; the message names
    /// the node.</exception>
    public static ModelGraph ReadGraph(string path) => OnnxGraphReader.Open(path).BuildGraph();

    /// <summary>The model in <paramref name="path"/> as a built network, when its graph is a chain of layers.</summary>
    /// <exception cref="NotSupportedException">As <see cref="ReadGraph"/>, or the graph is not a chain.</exception>
    public static Network ReadNetwork(string path) => OnnxGraphReader.Open(path).BuildNetwork();
}

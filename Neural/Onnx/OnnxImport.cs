using MLExt.Neural.Onnx.Import;

namespace MLExt.Neural;

/// <summary>
/// Reads ONNX models into MLExt: each node becomes a layer or merge (Conv → <see cref="Conv2D"/>, Gemm/MatMul →
/// <see cref="Dense"/>, BatchNormalization, pooling, activations, Add/Sub/Mul between values → merges, with a
/// constant → <see cref="ConstantOperation"/>, Reshape, Flatten, Concat, Slice, Split); initialisers become the layers'
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

    /// <summary>
    /// Models joined end to end (each one's single output feeds the next one's single input, such as a preprocessing
    /// graph then a trunk), read as one graph, optionally only part of it and with a head added.
    /// </summary>
    /// <exception cref="ArgumentException">A node named in <paramref name="options"/> does not exist.</exception>
    public static ModelGraph ReadGraph(IReadOnlyList<string> paths, OnnxImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        if (paths.Count == 0) throw new ArgumentException("No ONNX file given.", nameof(paths));
        string name = string.Join(" + ", paths);
        var model = OnnxGraphReader.Parse(paths[0]);
        foreach (var path in paths.Skip(1)) model = OnnxModelCuts.Join(model, OnnxGraphReader.Parse(path), name);
        if (options.StartAt is { } start)
        {
            var before = OnnxGraphReader.Open(OnnxModelCuts.Before(model, start, name), name).BuildGraph();
            model = OnnxModelCuts.From(model, start, before.Outputs[0].Shape, name);
        }
        if (options.StopBefore is { } stop) model = OnnxModelCuts.Before(model, stop, name);
        return OnnxGraphReader.Open(model, name).BuildGraph(options.Head, new RandomSource(options.Seed));
    }

    /// <summary>The model in <paramref name="path"/> as a built network, when its graph is a chain of layers.</summary>
    /// <exception cref="NotSupportedException">As <see cref="ReadGraph(string)"/>, or the graph is not a chain.</exception>
    public static Network ReadNetwork(string path) => OnnxGraphReader.Open(path).BuildNetwork();
}

using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural.Onnx.Import;

/// <summary>One ONNX node being imported: its attributes with ONNX's defaults, and errors that name the file, the node
/// and its operator.</summary>
internal sealed class OnnxNodeView
{
    private readonly string _file;

    public OnnxNodeView(NodeProto node, string file)
    {
        Proto = node;
        _file = file;
        Name = OnnxModelCuts.NodeName(node);
    }

    public NodeProto Proto { get; }

    /// <summary>The node's name (its first output's name when it has none).</summary>
    public string Name { get; }

    public string Operator => Proto.OpType;

    /// <summary>Fails on any attribute outside <paramref name="known"/>, naming it.</summary>
    public void AllowAttributes(params string[] known)
    {
        foreach (var a in Proto.Attribute)
            if (!known.Contains(a.Name)) throw Unsupported($"the attribute '{a.Name}' is not supported");
    }

    public long Int(string name, long fallback) => Find(name) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Find(name) is { } a ? a.F : fallback;

    public string Text(string name, string fallback) => Find(name) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => Find(name)?.Ints.ToArray();

    public AttributeProto? Find(string name) => Proto.Attribute.FirstOrDefault(a => a.Name == name);

    /// <summary>An operator, attribute or value MLExt cannot import.</summary>
    public NotSupportedException Unsupported(string why) =>
        new($"Cannot import '{_file}': node '{Name}' ({Operator}): {why}.");

    /// <summary>A file whose declarations do not fit together.</summary>
    public InvalidDataException Invalid(string why) =>
        new($"Cannot import '{_file}': node '{Name}' ({Operator}): {why}.");
}

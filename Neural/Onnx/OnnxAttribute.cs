using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural;

/// <summary>An attribute of an ONNX node written by a user's layer exporter (see <see cref="OnnxExporterRegistry"/>).</summary>
public sealed class OnnxAttribute
{
    private readonly AttributeProto _proto;

    private OnnxAttribute(AttributeProto proto) => _proto = proto;

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(Onnx.OnnxAttributes.Int(name, value));

    /// <summary>A float attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new(Onnx.OnnxAttributes.Float(name, value));

    /// <summary>A string attribute.</summary>
    public static OnnxAttribute Text(string name, string value) => new(Onnx.OnnxAttributes.Text(name, value));

    /// <summary>A list-of-integers attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(Onnx.OnnxAttributes.Ints(name, values));

    /// <summary>A list-of-floats attribute.</summary>
    public static OnnxAttribute Floats(string name, params float[] values) => new(Onnx.OnnxAttributes.Floats(name, values));

    internal AttributeProto ToProto() => _proto.Clone();
}

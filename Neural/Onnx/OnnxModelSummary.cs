using System.Globalization;
using Google.Protobuf;
using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural;

/// <summary>
/// What a program needs to know about an ONNX model without an ONNX runtime: its opset, its graph's inputs and
/// outputs (names, element types, shapes) and its metadata. Reads any ONNX model file, not only MLExt's.
/// </summary>
public sealed class OnnxModelSummary
{
    private OnnxModelSummary(long opset, IReadOnlyList<OnnxValueSummary> inputs, IReadOnlyList<OnnxValueSummary> outputs,
        IReadOnlyDictionary<string, string> metadata)
    {
        Opset = opset;
        Inputs = inputs;
        Outputs = outputs;
        Metadata = metadata;
    }

    /// <summary>The version of the default (<c>ai.onnx</c>) operator set the model imports, or 0 when it imports none.</summary>
    public long Opset { get; }

    /// <summary>The graph's inputs that are not initialisers, in order.</summary>
    public IReadOnlyList<OnnxValueSummary> Inputs { get; }

    /// <summary>The graph's outputs, in order.</summary>
    public IReadOnlyList<OnnxValueSummary> Outputs { get; }

    /// <summary>The model's metadata properties.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads the summary of a serialised ONNX model.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    public static OnnxModelSummary Read(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"Not an ONNX model: {e.Message}", e);
        }
        var initialisers = proto.Graph?.Initializer.Select(t => t.Name).ToHashSet() ?? [];
        var inputs = proto.Graph?.Input.Where(v => !initialisers.Contains(v.Name)).Select(Describe).ToList() ?? [];
        var outputs = proto.Graph?.Output.Select(Describe).ToList() ?? [];
        long opset = proto.OpsetImport.FirstOrDefault(o => o.Domain.Length == 0 || o.Domain == "ai.onnx")?.Version ?? 0;
        var metadata = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        return new OnnxModelSummary(opset, inputs, outputs, metadata);
    }

    private static OnnxValueSummary Describe(ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        string element = tensor is null ? "?" : ((TensorProto.Types.DataType)tensor.ElemType).ToString().ToLowerInvariant();
        var shape = tensor?.Shape?.Dim.Select(d => d.ValueCase switch
        {
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => d.DimParam,
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => d.DimValue.ToString(CultureInfo.InvariantCulture),
            _ => "?",
        }).ToList() ?? [];
        return new OnnxValueSummary(value.Name, element, shape);
    }
}

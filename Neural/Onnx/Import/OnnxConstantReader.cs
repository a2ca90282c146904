using System.Buffers.Binary;
using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural.Onnx.Import;

/// <summary>Decodes ONNX tensors (raw little-endian bytes or typed fields) into <see cref="OnnxConstant"/>s.</summary>
internal static class OnnxConstantReader
{
    /// <summary>The tensor's values, or null for an element type MLExt does not import (strings, float16, …).</summary>
    public static OnnxConstant? Read(TensorProto tensor)
    {
        var dims = tensor.Dims.Select(d => checked((int)d)).ToArray();
        int count = Tensor.Product(dims);
        var raw = tensor.RawData.Span;
        switch ((TensorProto.Types.DataType)tensor.DataType)
        {
            case TensorProto.Types.DataType.Float:
                var floats = raw.Length > 0 ? Enumerable.Range(0, raw.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(tensor.RawData.Span[(4 * i)..])).ToArray()
                    : tensor.FloatData.ToArray();
                return Checked(dims, count, floats, null);
            case TensorProto.Types.DataType.Double:
                var doubles = Enumerable.Range(0, raw.Length / 8).Select(i => (float)BinaryPrimitives.ReadDoubleLittleEndian(tensor.RawData.Span[(8 * i)..])).ToArray();
                return Checked(dims, count, doubles, null);
            case TensorProto.Types.DataType.Int64:
                var longs = raw.Length > 0 ? Enumerable.Range(0, raw.Length / 8).Select(i => BinaryPrimitives.ReadInt64LittleEndian(tensor.RawData.Span[(8 * i)..])).ToArray()
                    : tensor.Int64Data.ToArray();
                return Checked(dims, count, longs.Select(v => (float)v).ToArray(), longs);
            case TensorProto.Types.DataType.Int32:
                var ints = raw.Length > 0 ? Enumerable.Range(0, raw.Length / 4).Select(i => (long)BinaryPrimitives.ReadInt32LittleEndian(tensor.RawData.Span[(4 * i)..])).ToArray()
                    : tensor.Int32Data.Select(v => (long)v).ToArray();
                return Checked(dims, count, ints.Select(v => (float)v).ToArray(), ints);
            default:
                return null;
        }
    }

    private static OnnxConstant Checked(int[] dims, int count, float[] values, long[]? integers)
    {
        if (values.Length != count)
            throw new InvalidDataException($"has {values.Length} values for its shape {Tensor.FormatShape(dims)} ({count}).");
        return new OnnxConstant(dims, values, integers);
    }
}

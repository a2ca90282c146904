using System.IO.Compression;
using Google.Protobuf;
using MLExt.Neural.Onnx.Proto;

namespace MLExt.Trainers;

/// <summary>
/// Checks a model zip before ML.NET reads it. A model file is data that may come from anyone: its entries must stay
/// inside the archive, declare sane sizes, and its ONNX graphs must declare shapes that fit in memory, so that a
/// hostile file fails with a message naming it instead of writing outside a temporary folder or allocating without
/// bound.
/// </summary>
public static class ModelZip
{
    /// <summary>Most entries in a model zip.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Most bytes of all entries together, as the zip declares them uncompressed (2 GiB).</summary>
    public const long MaxBytes = 2L << 30;

    /// <summary>Most elements of one tensor of an ONNX graph in the zip (2^27, 512 MiB of float32).</summary>
    public const long MaxTensorElements = 1L << 27;

    private const string OnnxEntry = "OnnxModel";

    /// <summary>Checks the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a zip or breaks one of the rules; the message names the file.</exception>
    public static void Check(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > MaxEntries)
                throw Bad(path, $"it has {zip.Entries.Count:N0} entries (at most {MaxEntries:N0})");
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (!InsideArchive(entry.FullName))
                    throw Bad(path, $"its entry '{entry.FullName}' points outside the archive");
                total += entry.Length;
                if (entry.Length < 0 || total > MaxBytes)
                    throw Bad(path, $"its entries declare {total:N0} bytes (at most {MaxBytes:N0})");
            }
            foreach (var entry in zip.Entries.Where(e => e.Name == OnnxEntry))
                CheckGraph(path, entry, ReadGraph(path, entry));
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith($"'{path}'", StringComparison.Ordinal))
        {
            throw Bad(path, $"it is not a zip file ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The ONNX graph of an <c>OnnxModel</c> entry (an int32 byte count, then the graph), its count checked against the entry's size.</summary>
    internal static ModelProto ReadGraph(string path, ZipArchiveEntry entry)
    {
        using var reader = new BinaryReader(entry.Open());
        int length = reader.ReadInt32();
        if (length < 0 || length > entry.Length - sizeof(int))
            throw Bad(path, $"its entry '{entry.FullName}' declares a graph of {length:N0} bytes in {entry.Length:N0}");
        var bytes = reader.ReadBytes(length);
        if (bytes.Length != length) throw Bad(path, $"its entry '{entry.FullName}' is truncated");
        try
        {
            return ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Bad(path, $"its entry '{entry.FullName}' is not an ONNX graph ({e.Message.TrimEnd('.')})");
        }
    }

    private static void CheckGraph(string path, ZipArchiveEntry entry, ModelProto model)
    {
        var graph = model.Graph ?? new GraphProto();
        foreach (var tensor in graph.Initializer)
            CheckElements(path, entry, tensor.Name, tensor.Dims, DataElements(tensor));
        foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
        {
            var dims = value.Type?.TensorType?.Shape?.Dim;
            if (dims is null) continue;
            CheckElements(path, entry, value.Name, dims.Where(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue)
                .Select(d => d.DimValue), data: null);
        }
    }

    private static void CheckElements(string path, ZipArchiveEntry entry, string name, IEnumerable<long> dims, long? data)
    {
        long elements = 1;
        foreach (long d in dims)
        {
            if (d < 0 || (d > 0 && elements > MaxTensorElements / d))
                throw Bad(path, $"its entry '{entry.FullName}' declares tensor '{name}' of shape [{string.Join(", ", dims)}] " +
                    $"(at most {MaxTensorElements:N0} elements)");
            elements *= d;
        }
        if (data is { } present && present != elements)
            throw Bad(path, $"its entry '{entry.FullName}' declares tensor '{name}' of {elements:N0} elements but holds {present:N0}");
    }

    // How many elements the tensor's data holds, or null when its type is not one MLExt writes.
    private static long? DataElements(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0) return tensor.FloatData.Count;
        if (tensor.Int64Data.Count > 0) return tensor.Int64Data.Count;
        if (tensor.Int32Data.Count > 0) return tensor.Int32Data.Count;
        if (tensor.StringData.Count > 0) return tensor.StringData.Count;
        int size = tensor.DataType switch { 1 or 6 => 4, 7 or 11 => 8, 10 => 2, 2 or 3 or 9 => 1, _ => 0 };
        return size == 0 || tensor.RawData.Length % size != 0 ? null : tensor.RawData.Length / size;
    }

    private static bool InsideArchive(string name) =>
        name.Length > 0 && !Path.IsPathRooted(name) && name[0] is not ('/' or '\\') && !name.Contains(':')
        && !name.Split('/', '\\').Any(part => part == "..");

    private static InvalidDataException Bad(string path, string why) => new($"'{path}' is not a loadable ML.NET model zip: {why}.");
}

using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace MLExt.Neural;

/// <summary>
/// The binary format of <see cref="TrainingCheckpoint"/> files. All numbers are little-endian; strings are
/// UTF-8 prefixed by their byte count as a 7-bit encoded integer (.NET's <see cref="BinaryWriter"/> form).
/// <code>
/// header   8 bytes   magic "MLEXTCKP"
///          int32     format version (2; version 1 files are read too)
///          int64     payload length L in bytes
/// payload  L bytes   (below)
/// footer   32 bytes  SHA-256 of the payload
///
/// payload, version 2 (version 1 has exactly one optimiser and no optimiser count):
///   int32 n, then n strings          architecture: "input [shape]", then per layer its config and parameter shapes
///   int32 epochs, then per epoch     history: int32 epoch, float64 training loss,
///                                    bool + float64 validation loss, bool + float64 validation metric,
///                                    float32 learning rate, int64 elapsed ticks
///   bool                             stopped early
///   float32                          learning rate of the last step
///   float64, int32, int32            early stopping: best value, best epoch, epochs since best
///   array list                       early stopping: best weights (count −1 when none)
///   int32 k, then per optimiser      string, int64: optimiser type (full .NET name), step count;
///                                    int32 p, then per parameter: int32 slots, then per slot an array (length −1 when unused)
///   array list                       ModelGraph.GetWeights(): parameters, then layer states (batch-norm statistics)
///   int32 g, then per generator      generator states (Layer.RandomSources after the loop's own): int32 words, uint32 words
///   int32 n, then n int32            the training rows' order after the last shuffle (shuffles continue from it)
///
/// array: int32 length, then length float32 values; array list: int32 count, then count arrays.
/// </code>
/// A reader refuses a newer version, a file shorter than its header says, and a payload whose checksum differs.
/// </summary>
internal static class CheckpointFormat
{
    public const int Version = 2;
    private static readonly byte[] Magic = "MLEXTCKP"u8.ToArray();
    private const int HeaderLength = 8 + 4 + 8, ChecksumLength = 32;

    public static void Write(TrainingCheckpoint checkpoint, Stream stream)
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true)) WritePayload(checkpoint, w);
        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write((long)bytes.Length);
        writer.Write(bytes);
        writer.Write(SHA256.HashData(bytes));
    }

    /// <exception cref="InvalidDataException">Not a checkpoint, newer version, truncated or corrupted.</exception>
    public static TrainingCheckpoint Read(Stream stream)
    {
        var header = new byte[HeaderLength];
        int got = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        if (got < Magic.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException("this is not an MLExt training checkpoint (it does not start with \"MLEXTCKP\").");
        if (got < HeaderLength) throw new InvalidDataException($"the file is truncated: it ends inside the {HeaderLength}-byte header.");
        int version = BitConverter.ToInt32(header, 8);
        if (version > Version)
            throw new InvalidDataException($"it was written in checkpoint format version {version}, newer than this MLExt reads (up to {Version}); update MLExt to resume from it.");
        if (version < 1) throw new InvalidDataException($"its format version {version} is invalid.");
        long length = BitConverter.ToInt64(header, 12);
        if (length < 0 || length > int.MaxValue) throw new InvalidDataException($"its payload length {length} is invalid; the file is corrupted.");
        var payload = new byte[length];
        var checksum = new byte[ChecksumLength];
        int payloadRead = stream.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false);
        int checksumRead = payloadRead == payload.Length ? stream.ReadAtLeast(checksum, ChecksumLength, throwOnEndOfStream: false) : 0;
        if (payloadRead < payload.Length || checksumRead < ChecksumLength)
            throw new InvalidDataException($"the file is truncated: it has {HeaderLength + payloadRead + checksumRead} bytes, the header announces {HeaderLength + length + ChecksumLength}.");
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(checksum))
            throw new InvalidDataException("the file is corrupted: its SHA-256 checksum does not match its content.");
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            var checkpoint = ReadPayload(reader, version);
            if (reader.BaseStream.Position != payload.Length) throw new InvalidDataException("its payload has trailing bytes.");
            return checkpoint;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("its payload ends early although its checksum matches; it was not written by a compatible MLExt.", e);
        }
    }

    private static void WritePayload(TrainingCheckpoint c, BinaryWriter w)
    {
        w.Write(c.Architecture.Count);
        foreach (var line in c.Architecture) w.Write(line);
        w.Write(c.History.Count);
        foreach (var e in c.History)
        {
            w.Write(e.Epoch);
            w.Write(e.TrainingLoss);
            WriteOptional(w, e.ValidationLoss);
            WriteOptional(w, e.ValidationMetric);
            w.Write(e.LearningRate);
            w.Write(e.Elapsed.Ticks);
        }
        w.Write(c.StoppedEarly);
        w.Write(c.LearningRate);
        w.Write(c.Best);
        w.Write(c.BestEpoch);
        w.Write(c.SinceBest);
        WriteArrays(w, c.BestWeights);
        w.Write(c.OptimizerTypes.Length);
        for (int k = 0; k < c.OptimizerTypes.Length; k++)
        {
            w.Write(c.OptimizerTypes[k]);
            w.Write(c.StepCounts[k]);
            w.Write(c.OptimizerStates[k].Length);
            foreach (var slots in c.OptimizerStates[k]) WriteArrays(w, slots);
        }
        WriteArrays(w, c.Weights);
        w.Write(c.RandomStates.Length);
        foreach (var state in c.RandomStates)
        {
            w.Write(state.Length);
            foreach (uint word in state) w.Write(word);
        }
        w.Write(c.Order.Length);
        foreach (int row in c.Order) w.Write(row);
    }

    private static TrainingCheckpoint ReadPayload(BinaryReader r, int version)
    {
        var architecture = new string[Count(r)];
        for (int i = 0; i < architecture.Length; i++) architecture[i] = r.ReadString();
        var history = new EpochSummary[Count(r)];
        for (int i = 0; i < history.Length; i++)
            history[i] = new EpochSummary
            {
                Epoch = r.ReadInt32(), TrainingLoss = r.ReadDouble(), ValidationLoss = ReadOptional(r), ValidationMetric = ReadOptional(r),
                LearningRate = r.ReadSingle(), Elapsed = TimeSpan.FromTicks(r.ReadInt64()),
            };
        var checkpoint = new TrainingCheckpoint
        {
            Architecture = architecture, History = history, StoppedEarly = r.ReadBoolean(), LearningRate = r.ReadSingle(),
            Best = r.ReadDouble(), BestEpoch = r.ReadInt32(), SinceBest = r.ReadInt32(), BestWeights = ReadArrays(r),
        };
        int optimizers = version == 1 ? 1 : Count(r);
        checkpoint.OptimizerTypes = new string[optimizers];
        checkpoint.StepCounts = new long[optimizers];
        checkpoint.OptimizerStates = new float[optimizers][][][];
        for (int k = 0; k < optimizers; k++)
        {
            checkpoint.OptimizerTypes[k] = r.ReadString();
            checkpoint.StepCounts[k] = r.ReadInt64();
            var optimizerState = new float[Count(r)][][];
            for (int i = 0; i < optimizerState.Length; i++) optimizerState[i] = ReadArrays(r) ?? [];
            checkpoint.OptimizerStates[k] = optimizerState;
        }
        checkpoint.Weights = ReadArrays(r) ?? [];
        var random = new uint[Count(r)][];
        for (int i = 0; i < random.Length; i++)
        {
            random[i] = new uint[Count(r)];
            for (int j = 0; j < random[i].Length; j++) random[i][j] = r.ReadUInt32();
        }
        checkpoint.RandomStates = random;
        var order = new int[Count(r)];
        for (int i = 0; i < order.Length; i++) order[i] = r.ReadInt32();
        checkpoint.Order = order;
        return checkpoint;
    }

    private static void WriteOptional(BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        w.Write(value ?? 0);
    }

    private static double? ReadOptional(BinaryReader r)
    {
        bool has = r.ReadBoolean();
        double value = r.ReadDouble();
        return has ? value : null;
    }

    // Arrays in a list may be null (an unused optimiser slot): length −1. A null list: count −1.
    private static void WriteArrays(BinaryWriter w, float[]?[]? arrays)
    {
        w.Write(arrays?.Length ?? -1);
        if (arrays is null) return;
        foreach (var array in arrays)
        {
            w.Write(array?.Length ?? -1);
            if (array is null) continue;
            if (BitConverter.IsLittleEndian) w.Write(MemoryMarshal.AsBytes(array.AsSpan()));
            else foreach (float v in array) w.Write(v);
        }
    }

    private static float[][]? ReadArrays(BinaryReader r)
    {
        int count = r.ReadInt32();
        if (count == -1) return null;
        if (count < 0) throw new InvalidDataException($"a list has the invalid length {count}.");
        var arrays = new float[count][];
        for (int i = 0; i < count; i++)
        {
            int length = r.ReadInt32();
            if (length == -1) { arrays[i] = null!; continue; }
            if (length < 0 || (long)length * 4 > r.BaseStream.Length - r.BaseStream.Position)
                throw new InvalidDataException($"an array has the invalid length {length}.");
            var array = new float[length];
            var bytes = r.ReadBytes(length * sizeof(float));
            if (bytes.Length < length * sizeof(float)) throw new EndOfStreamException();
            if (!BitConverter.IsLittleEndian)
                for (int j = 0; j < bytes.Length; j += sizeof(float)) Array.Reverse(bytes, j, sizeof(float));
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(array);
            arrays[i] = array;
        }
        return arrays;
    }

    private static int Count(BinaryReader r)
    {
        int count = r.ReadInt32();
        if (count < 0 || count > r.BaseStream.Length) throw new InvalidDataException($"a count has the invalid value {count}.");
        return count;
    }
}

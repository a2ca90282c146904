using System.Security.Cryptography;
using System.Text;
using MLExt.Neural;

namespace MLExt.Tests.Neural;

/// <summary>Files of checkpoint format version 1 (one optimiser, no optimiser count) still resume.</summary>
public sealed class CheckpointVersionOneTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-checkpoint-v1-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Network Network(int seed)
    {
        var network = new Network([new Dense(6, Activation.Tanh), new Dropout(0.2f), new Dense(2)]);
        network.Build([3], new RandomSource(seed));
        return network;
    }

    private static TrainingSet Data()
    {
        var random = new RandomSource(1);
        var x = Enumerable.Range(0, 60).Select(_ => random.NextGaussian()).ToArray();
        var y = new float[40];
        for (int i = 0; i < 20; i++) y[2 * i + (x[3 * i] > 0 ? 1 : 0)] = 1f;
        return new TrainingSet(x, [3], y, 2);
    }

    private static TrainingOptions Options(int epochs) => new()
    {
        NumberOfEpochs = epochs, BatchSize = 8, Optimizer = new AdamOptimizer { LearningRate = 0.01f }, Loss = new SoftmaxCrossEntropy(),
    };

    /// <summary>Rewrites a version-2 file with one optimiser as version 1: drops the optimiser count, fixes length and checksum.</summary>
    private static byte[] AsVersionOne(byte[] file)
    {
        const int header = 20;
        var payload = file.AsSpan(header, file.Length - header - 32).ToArray();
        var type = Encoding.UTF8.GetBytes(typeof(AdamOptimizer).FullName!);
        int at = payload.AsSpan().IndexOf(type) - 1 - 4; // the type's length byte, then the int32 count before it
        Assert.Equal(1, BitConverter.ToInt32(payload, at));
        var v1 = payload[..at].Concat(payload[(at + 4)..]).ToArray();
        return [.. file.AsSpan(0, 8), .. BitConverter.GetBytes(1), .. BitConverter.GetBytes((long)v1.Length), .. v1, .. SHA256.HashData(v1)];
    }

    [Fact]
    public void AVersionOneCheckpointResumesBitForBit()
    {
        var uninterrupted = Network(4);
        TrainingLoop.Fit(uninterrupted, Data(), null, Options(3), new RandomSource(9));

        var path = Path.Combine(_directory, "run.ckpt");
        var first = Options(1);
        first.CheckpointPath = path;
        TrainingLoop.Fit(Network(4), Data(), null, first, new RandomSource(9));
        var v1Path = Path.Combine(_directory, "v1.ckpt");
        File.WriteAllBytes(v1Path, AsVersionOne(File.ReadAllBytes(path)));

        var resumed = Network(5);
        var rest = Options(3);
        rest.ResumeFrom = TrainingCheckpoint.Load(v1Path);
        TrainingLoop.Fit(resumed, Data(), null, rest, new RandomSource(9));
        Assert.Equal(uninterrupted.GetWeights(), resumed.GetWeights());
    }
}

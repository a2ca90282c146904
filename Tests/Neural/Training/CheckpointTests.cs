using MLExt.IO;
using MLExt.Neural;

namespace MLExt.Tests.Neural;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static TrainingSet Data(int count, int seed, int[]? shape = null)
    {
        var random = new RandomSource(seed);
        var x = new float[count * 3];
        var y = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < 3; j++) x[3 * i + j] = random.NextGaussian();
            y[2 * i + (x[3 * i] * x[3 * i + 1] + x[3 * i + 2] > 0 ? 1 : 0)] = 1f;
        }
        return new TrainingSet(x, shape ?? [3], y, 2);
    }

    /// <summary>A network with dropout (its own generator), built from <paramref name="seed"/>.</summary>
    private static Network Network(int seed, int hidden = 12)
    {
        var network = new Network([new Dense(hidden, Activation.Gelu), new Dropout(0.3f), new Dense(8, Activation.Tanh), new Dropout(0.1f), new Dense(2)]);
        network.Build([3], new RandomSource(seed));
        return network;
    }

    private static readonly int[] Image = [1, 1, 3];

    /// <summary>An image network with augmentation (generators of their own) and batch norm (running statistics).</summary>
    private static Network ImageNetwork(int seed)
    {
        var network = new Network([new RandomFlip(), new GaussianNoise(0.1f), new Conv2D(4, 1, activation: Activation.Relu), new BatchNormalization(),
            new Flatten(), new Dropout(0.2f), new Dense(2)]);
        network.Build(Image, new RandomSource(seed));
        return network;
    }

    private static TrainingOptions Options(int epochs) => new()
    {
        NumberOfEpochs = epochs, BatchSize = 10, Optimizer = new AdamOptimizer { LearningRate = 0.01f, Schedule = new CosineAnnealing { TotalEpochs = 6 } },
        Loss = new SoftmaxCrossEntropy(), Metric = new AccuracyMetric(), L2Regularization = 1e-3f,
        EarlyStopping = new EarlyStopping { Patience = 50, Monitor = EarlyStoppingMonitor.ValidationMetric },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ResumingAnInterruptedRunReproducesTheUninterruptedRunBitForBit(bool image)
    {
        Func<int, Network> Network = image ? ImageNetwork : seed => CheckpointTests.Network(seed);
        var training = Data(150, 1, image ? Image : null);
        var validation = Data(60, 2, image ? Image : null);
        var uninterrupted = Network(5);
        var expected = TrainingLoop.Fit(uninterrupted, training, validation, Options(6), new RandomSource(9));

        // The same run, cancelled once epoch 3 has finished: its checkpoint holds epochs 1-3.
        var interrupted = Network(5);
        using var cancel = new CancellationTokenSource();
        var options = Options(6);
        options.CheckpointPath = PathOf("run.ckpt");
        options.CancellationToken = cancel.Token;
        options.Progress = new SynchronousProgress(p => { if (p.EpochCompleted && p.Epoch == 3) cancel.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => TrainingLoop.Fit(interrupted, training, validation, options, new RandomSource(9)));
        var checkpoint = TrainingCheckpoint.Load(options.CheckpointPath);
        Assert.Equal(3, checkpoint.EpochsCompleted);

        // Resumed into a network initialised differently and a generator seeded differently: the checkpoint restores all.
        var resumed = Network(77);
        var resumeOptions = Options(6);
        resumeOptions.ResumeFrom = checkpoint;
        var history = TrainingLoop.Fit(resumed, training, validation, resumeOptions, new RandomSource(1234));

        var expectedWeights = uninterrupted.GetWeights();
        var actualWeights = resumed.GetWeights();
        for (int i = 0; i < expectedWeights.Length; i++)
            Assert.True(expectedWeights[i].AsSpan().SequenceEqual(actualWeights[i]), $"Weights {i} differ from the uninterrupted run.");
        Assert.Equal(expected.Epochs.Select(e => e.TrainingLoss), history.Epochs.Select(e => e.TrainingLoss));
        Assert.Equal(expected.Epochs.Select(e => e.ValidationLoss), history.Epochs.Select(e => e.ValidationLoss));
        Assert.Equal(expected.BestEpoch, history.BestEpoch);
        // Dropout drew the same masks: the next training-mode forward pass of both networks is identical.
        var x = Data(4, 3, image ? Image : null);
        var batch = new Tensor(x.Features, [4, .. x.FeatureShape]);
        Assert.Equal(uninterrupted.Forward(batch, training: true).Span.ToArray(), resumed.Forward(batch, training: true).Span.ToArray());
    }

    [Fact]
    public void ACheckpointIsWrittenAfterEveryEpochAndRoundTrips()
    {
        var network = Network(1);
        var options = Options(2);
        options.CheckpointPath = PathOf("sub/dir/run.ckpt");
        TrainingLoop.Fit(network, Data(40, 1), null, options, new RandomSource(2));
        var checkpoint = TrainingCheckpoint.Load(options.CheckpointPath);
        Assert.Equal(2, checkpoint.EpochsCompleted);
        Assert.Equal(["run.ckpt"], Directory.GetFiles(PathOf("sub/dir")).Select(Path.GetFileName));

        checkpoint.Save(PathOf("copy.ckpt"));
        Assert.Equal(File.ReadAllBytes(options.CheckpointPath), File.ReadAllBytes(PathOf("copy.ckpt")));
        Assert.Equal(TrainingCheckpoint.Describe(network), checkpoint.Architecture);
    }

    private string SmallCheckpoint()
    {
        var options = Options(1);
        options.CheckpointPath = PathOf("small.ckpt");
        TrainingLoop.Fit(Network(1), Data(20, 1), null, options, new RandomSource(2));
        return options.CheckpointPath;
    }

    [Fact]
    public void ANewerFormatVersionIsRefused()
    {
        var path = SmallCheckpoint();
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(TrainingCheckpoint.FormatVersion + 1).CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
        Assert.Contains($"version {TrainingCheckpoint.FormatVersion + 1}", e.Message);
        Assert.Contains("newer", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    [InlineData(1)]
    public void ATruncatedFileIsRefused(int keptBytesFromTheEnd)
    {
        var path = SmallCheckpoint();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^keptBytesFromTheEnd]);
        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void ACorruptedOrForeignFileIsRefused()
    {
        var path = SmallCheckpoint();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path)).Message);

        File.WriteAllText(path, "epoch,loss\n1,0.5\n");
        Assert.Contains("not an MLExt training checkpoint", Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path)).Message);
    }

    [Fact]
    public void AWrongArchitectureOrOptimiserIsRefusedBeforeAnythingChanges()
    {
        var checkpoint = TrainingCheckpoint.Load(SmallCheckpoint());
        var other = Network(1, hidden: 13);
        var before = other.GetWeights();
        var options = Options(3);
        options.ResumeFrom = checkpoint;
        var e = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(other, Data(20, 1), null, options, new RandomSource(2)));
        Assert.Contains("different network", e.Message);
        Assert.Contains("layer 1", e.Message);
        Assert.Contains("units=13", e.Message);
        Assert.Equal(before, other.GetWeights());

        options.Optimizer = new SgdOptimizer { LearningRate = 0.1f };
        e = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(Network(1), Data(20, 1), null, options, new RandomSource(2)));
        Assert.Contains("AdamOptimizer", e.Message);
        Assert.Contains("SgdOptimizer", e.Message);
    }

    [Fact]
    public void ResumingNeedsAsManyEpochsAsTheCheckpointHas()
    {
        var options = Options(2);
        options.CheckpointPath = PathOf("two.ckpt");
        TrainingLoop.Fit(Network(1), Data(20, 1), null, options, new RandomSource(2));
        var resume = Options(1);
        resume.ResumeFrom = TrainingCheckpoint.Load(options.CheckpointPath);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingLoop.Fit(Network(1), Data(20, 1), null, resume, new RandomSource(2)));
        Assert.Equal(nameof(TrainingOptions.NumberOfEpochs), e.ParamName);
    }

    [Fact]
    public void AFailedWriteLeavesThePreviousFileAndNoTemporaryFile()
    {
        var path = PathOf("model.ckpt");
        File.WriteAllText(path, "previous good content");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));
        Assert.Equal("previous good content", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory));

        AtomicFile.Write(path, stream => stream.Write("new"u8));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    /// <summary>Identity that keeps a running mean of its inputs while training (a layer state, like batch normalisation's statistics).</summary>
    private sealed class RunningMean : Layer
    {
        private Parameter? _mean;

        public override IReadOnlyList<Parameter> States => [_mean!];

        protected override int[] OnBuild(int[] inputShape, RandomSource random)
        {
            _mean = new Parameter("mean", inputShape, isWeight: false);
            return inputShape;
        }

        public override Tensor Forward(Tensor input, bool training)
        {
            // mean ← 0.9·mean + 0.1·x̄
            var mean = _mean!.Value;
            if (training)
                for (int j = 0; j < mean.Length; j++)
                {
                    float sum = 0;
                    for (int i = 0; i < input.Rows; i++) sum += input[i * mean.Length + j];
                    mean[j] = 0.9f * mean[j] + 0.1f * sum / input.Rows;
                }
            return input;
        }

        public override Tensor Backward(Tensor outputGradient) => outputGradient;

        public override LayerConfig GetConfig() => new("RunningMean");
    }

    [Fact]
    public void LayerStateTensorsAreCheckpointed()
    {
        Network Make(int seed)
        {
            var network = new Network([new Dense(6, Activation.Relu), new RunningMean(), new Dense(2)]);
            network.Build([3], new RandomSource(seed));
            return network;
        }
        var full = Make(1);
        TrainingLoop.Fit(full, Data(40, 1), null, Options(4), new RandomSource(2));

        var options = Options(2);
        options.CheckpointPath = PathOf("state.ckpt");
        TrainingLoop.Fit(Make(1), Data(40, 1), null, options, new RandomSource(2));
        var resumed = Make(3);
        var resume = Options(4);
        resume.ResumeFrom = TrainingCheckpoint.Load(options.CheckpointPath);
        TrainingLoop.Fit(resumed, Data(40, 1), null, resume, new RandomSource(4));

        Assert.NotEqual(0f, full.Layers[1].States[0].Value[0]);
        Assert.Equal(full.Layers[1].States[0].Value.Span.ToArray(), resumed.Layers[1].States[0].Value.Span.ToArray());
        Assert.Equal(full.GetWeights(), resumed.GetWeights());
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}

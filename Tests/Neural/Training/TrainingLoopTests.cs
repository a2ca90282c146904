using MLExt.Neural;

namespace MLExt.Tests.Neural;

public sealed class TrainingLoopTests
{
    /// <summary>Two interleaved spirals' worth of difficulty is not needed: XOR-like quadrants, 2 classes one-hot.</summary>
    private static TrainingSet Quadrants(int count, int seed)
    {
        var random = new RandomSource(seed);
        var x = new float[count * 2];
        var y = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            float a = random.NextFloat() * 2 - 1, b = random.NextFloat() * 2 - 1;
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[2 * i + (a * b > 0 ? 1 : 0)] = 1f;
        }
        return new TrainingSet(x, [2], y, 2);
    }

    private static Network Mlp(int seed)
    {
        var network = new Network([new Dense(16, Activation.Tanh), new Dropout(0.1f), new Dense(2)]);
        network.Build([2], new RandomSource(seed));
        return network;
    }

    private static TrainingOptions Options(int epochs = 30) => new()
    {
        NumberOfEpochs = epochs, BatchSize = 16, Optimizer = new AdamOptimizer { LearningRate = 0.02f },
        Loss = new SoftmaxCrossEntropy(), Metric = new AccuracyMetric(),
    };

    [Fact]
    public void LearnsANonLinearBoundary()
    {
        var network = Mlp(1);
        var history = TrainingLoop.Fit(network, Quadrants(400, 1), Quadrants(200, 2), Options(), new RandomSource(3));
        Assert.Equal(30, history.Epochs.Count);
        Assert.True(history.Epochs[^1].ValidationMetric > 0.9, $"accuracy {history.Epochs[^1].ValidationMetric}");
        Assert.True(history.Epochs[^1].TrainingLoss < history.Epochs[0].TrainingLoss / 2);
    }

    [Fact]
    public void SameSeedSameWeightsAndHistory()
    {
        float[][] Run(out TrainingHistory history)
        {
            var network = Mlp(5);
            history = TrainingLoop.Fit(network, Quadrants(200, 1), null, Options(5), new RandomSource(9));
            return network.GetWeights();
        }
        var first = Run(out var h1);
        var second = Run(out var h2);
        Assert.Equal(first, second);
        Assert.Equal(h1.Epochs.Select(e => e.TrainingLoss), h2.Epochs.Select(e => e.TrainingLoss));

        var other = Mlp(5);
        TrainingLoop.Fit(other, Quadrants(200, 1), null, Options(5), new RandomSource(10));
        Assert.NotEqual(first, other.GetWeights());
    }

    [Fact]
    public void EarlyStoppingStopsAndRestoresTheBestEpoch()
    {
        var network = Mlp(1);
        var options = Options(200);
        options.Optimizer = new SgdOptimizer { LearningRate = 0.5f, Momentum = 0.9f };
        options.EarlyStopping = new EarlyStopping { Patience = 2, RestoreBestWeights = true };
        var validation = Quadrants(50, 2);
        var history = TrainingLoop.Fit(network, Quadrants(60, 1), validation, options, new RandomSource(3));
        Assert.True(history.StoppedEarly);
        Assert.True(history.Epochs.Count < 200);
        var best = history.Epochs.MinBy(e => e.ValidationLoss)!;
        Assert.Equal(best.Epoch, history.BestEpoch);
        // The network holds the best epoch's weights: its validation loss is the best one.
        var (p, t) = TrainingLoop.Predict(network, validation, 16);
        Assert.Equal(best.ValidationLoss!.Value, new SoftmaxCrossEntropy().Forward(p, t), 5);
    }

    [Fact]
    public void ProgressIsReportedAndEpochEndsCarryValidation()
    {
        var reports = new List<TrainingProgress>();
        var options = Options(3);
        options.Progress = new SynchronousProgress<TrainingProgress>(reports.Add);
        TrainingLoop.Fit(Mlp(1), Quadrants(320, 1), Quadrants(50, 2), options, new RandomSource(3));
        var ends = reports.Where(r => r.EpochCompleted).ToList();
        Assert.Equal([1, 2, 3], ends.Select(r => r.Epoch));
        Assert.All(ends, r => Assert.NotNull(r.ValidationMetric));
        Assert.Contains(reports, r => !r.EpochCompleted && r.Batch < r.BatchesPerEpoch);
    }

    [Fact]
    public void CancellationStopsWithinAnEpoch()
    {
        using var cts = new CancellationTokenSource();
        var options = Options(3);
        int batches = 0;
        options.Progress = new SynchronousProgress<TrainingProgress>(r => { if (++batches == 2) cts.Cancel(); });
        options.CancellationToken = cts.Token;
        Assert.Throws<OperationCanceledException>(() => TrainingLoop.Fit(Mlp(1), Quadrants(3200, 1), null, options, new RandomSource(3)));
        Assert.Equal(2, batches);
    }

    [Fact]
    public void ScheduleSetsTheLearningRate()
    {
        var options = Options(4);
        options.Optimizer.Schedule = new StepDecay { StepSize = 2, Gamma = 0.5f };
        var history = TrainingLoop.Fit(Mlp(1), Quadrants(64, 1), null, options, new RandomSource(3));
        Assert.Equal([0.02f, 0.02f, 0.01f, 0.01f], history.Epochs.Select(e => e.LearningRate));
    }

    [Fact]
    public void NaNLossStopsTraining()
    {
        var data = Quadrants(64, 1);
        data.Features[5] = float.NaN;
        var error = Assert.Throws<TrainingDivergedException>(() => TrainingLoop.Fit(Mlp(1), data, null, Options(2), new RandomSource(3)));
        Assert.Contains("epoch 1", error.Message);
    }

    [Fact]
    public void MismatchedShapesAreNamed()
    {
        var wide = new TrainingSet(new float[30], [3], new float[20], 2);
        var error = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(Mlp(1), wide, null, Options(1), new RandomSource(3)));
        Assert.Contains("[2]", error.Message);
        Assert.Contains("[3]", error.Message);
    }

    /// <summary>Reports on the calling thread (System.Progress posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>Training graphs with the loop: the chain equals the network, custom steps keep checkpoints and resume bit for bit.</summary>
public sealed class GraphTrainingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-graph-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (float[] X, float[] Y, float[] Numbers) Rows(int count, int seed)
    {
        var random = new RandomSource(seed);
        var x = new float[count * 3];
        var numbers = new float[count * 2];
        var y = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < 3; j++) x[3 * i + j] = random.NextGaussian();
            for (int j = 0; j < 2; j++) numbers[2 * i + j] = random.NextGaussian();
            y[2 * i + (x[3 * i] * x[3 * i + 1] + numbers[2 * i] > 0 ? 1 : 0)] = 1f;
        }
        return (x, y, numbers);
    }

    private static Layer[] ChainLayers() => [new Dense(8, Activation.Gelu), new Dropout(0.2f), new Dense(2)];

    private static TrainingOptions Options(int epochs) => new()
    {
        NumberOfEpochs = epochs, BatchSize = 16, Optimizer = new AdamOptimizer { LearningRate = 0.02f }, Loss = new SoftmaxCrossEntropy(),
        Metric = new AccuracyMetric(), L2Regularization = 1e-3f,
    };

    [Fact]
    public void AChainGraphTrainsBitForBitLikeTheNetwork()
    {
        var (x, y, _) = Rows(100, 1);
        var network = new Network(ChainLayers());
        network.Build([3], new RandomSource(4));
        var networkHistory = TrainingLoop.Fit(network, new TrainingSet(x, [3], y, 2), null, Options(3), new RandomSource(9));

        var g = new GraphBuilder();
        g.Output("label", g.Apply(g.Input("x", 3), ChainLayers()));
        var graph = g.Build(new RandomSource(4));
        var objective = new GraphObjective(graph, new OutputLoss("label", new SoftmaxCrossEntropy()));
        var graphHistory = TrainingLoop.Fit(graph, new GraphData().Add("x", x, 3).Add("label", y, 2), null, objective, Options(3), new RandomSource(9));

        Assert.Equal(networkHistory.Epochs.Select(e => e.TrainingLoss), graphHistory.Epochs.Select(e => e.TrainingLoss));
        Assert.Equal(network.GetWeights(), graph.GetWeights());
    }

    /// <summary>
    /// A GAN-like step: even batches update the text branch and head with Adam, odd batches the number branch with
    /// momentum SGD; every batch also pulls the output towards a teacher's logits (an extra data column).
    /// </summary>
    private sealed class AlternatingStep(ModelGraph graph) : TrainingStep
    {
        private readonly Optimizer[] _optimizers = [new AdamOptimizer { LearningRate = 0.01f }, new SgdOptimizer { LearningRate = 0.05f, Momentum = 0.9f }];
        private readonly Parameter[] _first = [.. graph.Layers[0].Parameters, .. graph.Layers[^1].Parameters];
        private readonly Parameter[] _second = [.. graph.Layers[1].Parameters];
        private readonly MeanSquaredError _distillation = new();
        private readonly Tensor?[] _gradients = new Tensor?[1];

        public override IReadOnlyList<Optimizer> Optimizers => _optimizers;

        public override float Run(TrainingBatch batch)
        {
            batch.Graph.ZeroGradients();
            var outputs = batch.Graph.Forward(batch.Inputs, training: true);
            float loss = batch.Objective.Forward(outputs, batch.Targets);
            var gradient = batch.Objective.Backward()[0]!;
            // + 0.1·MSE(output, teacher): its gradient is added to the objective's
            float distillation = _distillation.Forward(outputs[0], batch.Column("teacher"));
            var extra = _distillation.Backward();
            for (int i = 0; i < gradient.Length; i++) extra[i] = gradient[i] + 0.1f * extra[i];
            batch.CheckLoss(loss + 0.1f * distillation);
            _gradients[0] = extra;
            batch.Graph.BackwardParametersOnly(_gradients);
            bool even = batch.Index % 2 == 0;
            batch.Update(_optimizers[even ? 0 : 1], even ? _first : _second);
            return loss + 0.1f * distillation;
        }
    }

    private static ModelGraph TwoBranches(int seed)
    {
        var g = new GraphBuilder();
        var a = g.Apply(new Dense(6, Activation.Tanh), g.Input("x", 3));
        var b = g.Apply(new Dense(4, Activation.Relu), g.Input("numbers", 2));
        var joined = g.Apply(new Dropout(0.1f), g.Concatenate(-1, a, b));
        g.Output("label", g.Apply(new Dense(2), joined));
        return g.Build(new RandomSource(seed));
    }

    private static GraphData Data(int count, int seed)
    {
        var (x, y, numbers) = Rows(count, seed);
        var teacher = y.Select(v => 3 * v - 1.5f).ToArray();
        return new GraphData().Add("x", x, 3).Add("numbers", numbers, 2).Add("label", y, 2).Add("teacher", teacher, 2);
    }

    [Fact]
    public void ACustomStepWithTwoOptimisersResumesFromACheckpointBitForBit()
    {
        var training = Data(90, 1);
        var validation = Data(40, 2);
        var path = Path.Combine(_directory, "graph.ckpt");
        TrainingHistory Train(ModelGraph graph, int epochs, TrainingCheckpoint? resume, string? checkpoint)
        {
            var options = new TrainingOptions { NumberOfEpochs = epochs, BatchSize = 16, Metric = new AccuracyMetric(), ResumeFrom = resume, CheckpointPath = checkpoint };
            var objective = new GraphObjective(graph, new OutputLoss("label", new SoftmaxCrossEntropy()));
            return TrainingLoop.Fit(graph, training, validation, objective, options, new RandomSource(11), new AlternatingStep(graph));
        }

        var uninterrupted = TwoBranches(3);
        var full = Train(uninterrupted, 4, null, null);
        var interrupted = TwoBranches(3);
        Train(interrupted, 2, null, path);
        var checkpoint = TrainingCheckpoint.Load(path);
        Assert.Equal(2, checkpoint.EpochsCompleted);
        Assert.Equal(interrupted.Describe(), checkpoint.Architecture);

        var resumed = TwoBranches(77); // other initial weights: everything comes from the checkpoint
        var rest = Train(resumed, 4, checkpoint, null);
        Assert.Equal(full.Epochs.Select(e => (e.TrainingLoss, e.ValidationLoss, e.ValidationMetric, e.LearningRate)),
            rest.Epochs.Select(e => (e.TrainingLoss, e.ValidationLoss, e.ValidationMetric, e.LearningRate)));
        Assert.Equal(uninterrupted.GetWeights(), resumed.GetWeights());
        Assert.True(full.Epochs[^1].TrainingLoss < full.Epochs[0].TrainingLoss, "the custom step lowers the loss");

        // The checkpoint holds two optimisers: the built-in step with one cannot resume from it.
        var wrongStep = new TrainingOptions { NumberOfEpochs = 4, BatchSize = 16, ResumeFrom = checkpoint, Optimizer = new AdamOptimizer() };
        var other = TwoBranches(3);
        var e = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(other, training, null,
            new GraphObjective(other, new OutputLoss("label", new SoftmaxCrossEntropy())), wrongStep, new RandomSource(11)));
        Assert.Contains("optimisers", e.Message);
    }

    [Fact]
    public void TheLoopKeepsCancellationAndDivergenceErrorsForCustomSteps()
    {
        var graph = TwoBranches(3);
        var objective = new GraphObjective(graph, new OutputLoss("label", new SoftmaxCrossEntropy()));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var options = new TrainingOptions { NumberOfEpochs = 2, BatchSize = 16, CancellationToken = cancel.Token };
        Assert.Throws<OperationCanceledException>(() => TrainingLoop.Fit(graph, Data(40, 1), null, objective, options, new RandomSource(1), new AlternatingStep(graph)));

        var diverging = new TrainingOptions { NumberOfEpochs = 2, BatchSize = 16 };
        var step = new AlternatingStep(graph);
        step.Optimizers[0].LearningRate = 1e30f;
        step.Optimizers[1].LearningRate = 1e30f;
        var e = Assert.Throws<TrainingDivergedException>(() => TrainingLoop.Fit(graph, Data(40, 1), null, objective, diverging, new RandomSource(1), step));
        Assert.Contains("epoch 1", e.Message);
    }
}

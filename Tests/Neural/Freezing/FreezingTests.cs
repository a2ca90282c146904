using MLExt.Neural;

namespace MLExt.Tests.Neural.Freezing;

/// <summary>
/// Freezing and fine-tuning: frozen layers keep their weights bit for bit, get no optimiser state and no gradient
/// work, backward stops before a fully frozen prefix, batch-norm statistics freeze by choice, and checkpoints
/// keep the settings.
/// </summary>
public sealed class FreezingTests
{
    /// <summary>A dense layer that fails the test if any backward of it runs.</summary>
    private sealed class NoBackwardDense(int units) : Layer
    {
        private readonly Dense _dense = new(units, Activation.Tanh);
        public override IReadOnlyList<Parameter> Parameters => _dense.Parameters;
        protected override int[] OnBuild(int[] inputShape, RandomSource random) => _dense.Build(inputShape, random);
        public override Tensor Forward(Tensor input, bool training) => _dense.Forward(input, training);
        public override Tensor Backward(Tensor outputGradient) => throw new InvalidOperationException("Backward ran into the frozen prefix.");
        internal override void BackwardParametersOnly(Tensor outputGradient) => throw new InvalidOperationException("BackwardParametersOnly ran.");
        internal override Tensor BackwardInputOnly(Tensor outputGradient) => throw new InvalidOperationException("BackwardInputOnly ran.");
        public override LayerConfig GetConfig() => new("NoBackwardDense");
    }

    /// <summary>A dense layer that counts which backward it gets.</summary>
    private sealed class CountingDense(int units) : Layer
    {
        public readonly Dense Inner = new(units, Activation.Tanh);
        public int Full, InputOnly;
        public override IReadOnlyList<Parameter> Parameters => Inner.Parameters;
        protected override int[] OnBuild(int[] inputShape, RandomSource random) => Inner.Build(inputShape, random);
        public override Tensor Forward(Tensor input, bool training) => Inner.Forward(input, training);
        public override Tensor Backward(Tensor outputGradient) { Full++; return Inner.Backward(outputGradient); }
        internal override Tensor BackwardInputOnly(Tensor outputGradient) { InputOnly++; return Inner.BackwardInputOnly(outputGradient); }
        public override LayerConfig GetConfig() => new("CountingDense");
    }

    internal static TrainingSet Data(int count, int seed, int features = 5, int classes = 3)
    {
        var random = new RandomSource(seed);
        var x = new float[count * features];
        var y = new float[count * classes];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < features; j++) x[features * i + j] = random.NextGaussian();
            int label = x[features * i] + x[features * i + 1] > 0.3f ? 0 : x[features * i + 2] > 0 ? 1 : 2;
            y[classes * i + label] = 1f;
        }
        return new TrainingSet(x, [features], y, classes);
    }

    private static TrainingOptions Options(Optimizer optimizer) => new()
    {
        BatchSize = 16, NumberOfEpochs = 3, Loss = new SoftmaxCrossEntropy(), Optimizer = optimizer, Metric = null,
    };

    private static Network Mlp()
    {
        var network = new Network([new Dense(16, Activation.Relu), new BatchNormalization(), new Dense(8, Activation.Relu), new Dense(3)]);
        network.Build([5], new RandomSource(7));
        return network;
    }

    private static float[][] Values(IEnumerable<Parameter> parameters) => parameters.Select(p => p.Value.Span.ToArray()).ToArray();

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void FrozenWeightsStayBitIdenticalAndGetNoOptimiserState(string kind)
    {
        var network = Mlp();
        network.FreezeUpTo("layer_2");
        var frozen = network.Layers.Take(2).SelectMany(l => l.Parameters.Concat(l.States)).ToArray();
        var trained = network.Layers.Skip(2).SelectMany(l => l.Parameters).ToArray();
        var (frozenBefore, trainedBefore) = (Values(frozen), Values(trained));
        Optimizer optimizer = kind == "adam" ? new AdamOptimizer() : new SgdOptimizer { Momentum = 0.9f };

        TrainingLoop.Fit(network, Data(128, 1), null, Options(optimizer), new RandomSource(2));

        var frozenAfter = Values(frozen);
        for (int i = 0; i < frozen.Length; i++) Assert.True(frozenBefore[i].AsSpan().SequenceEqual(frozenAfter[i]), $"{frozen[i]} changed");
        var trainedAfter = Values(trained);
        for (int i = 0; i < trained.Length; i++) Assert.False(trainedBefore[i].AsSpan().SequenceEqual(trainedAfter[i]), $"{trained[i]} did not train");
        // Optimiser state exists for the trainable parameters only (the frozen ones come first in layer order).
        Assert.Equal(trained.Length, network.TrainableParameters.Count);
        Assert.Equal(trained.Length, optimizer.StateBuffers.Count);
        Assert.All(frozen, p => Assert.All(p.Gradient.Span.ToArray(), g => Assert.Equal(0f, g)));
    }

    [Fact]
    public void BatchNormStatisticsFreezeOrUpdateByChoice()
    {
        foreach (bool freezeStatistics in new[] { true, false })
        {
            var network = Mlp();
            network.FreezeUpTo("layer_2", freezeStatistics);
            var normalization = (BatchNormalization)network.Layers[1];
            Assert.Equal(!freezeStatistics, normalization.UpdateStatistics);
            var (gamma, mean) = (normalization.Gamma.Value.Span.ToArray(), normalization.RunningMean.Value.Span.ToArray());
            TrainingLoop.Fit(network, Data(96, 3), null, Options(new AdamOptimizer()), new RandomSource(4));
            Assert.True(gamma.AsSpan().SequenceEqual(normalization.Gamma.Value.Span), "γ of a frozen layer changed");
            Assert.Equal(freezeStatistics, mean.AsSpan().SequenceEqual(normalization.RunningMean.Value.Span));
        }
    }

    [Fact]
    public void FrozenStatisticsNormaliseLikeInferenceWhileTraining()
    {
        var normalization = new BatchNormalization { UpdateStatistics = false };
        normalization.Build([3], new RandomSource(1));
        normalization.RunningMean.Value.Span.Fill(0.5f);
        var x = TestTensors.Gaussian(new RandomSource(2), [4, 3]);
        var training = normalization.Forward(x, training: true).Span.ToArray();
        var inference = normalization.Forward(x, training: false).Span.ToArray();
        Assert.Equal(inference, training);
        Assert.All(normalization.RunningMean.Value.Span.ToArray(), m => Assert.Equal(0.5f, m));
    }

    [Fact]
    public void FrozenStatisticsBatchNormPassesTheFiniteDifferenceCheck()
    {
        foreach (bool training in new[] { true, false })
            LayerConformance.CheckGradients(() => new BatchNormalization { UpdateStatistics = false }, [4, 2, 2], training);
    }

    [Fact]
    public void BackwardDoesNotRunIntoAFullyFrozenPrefix()
    {
        var prefix = new NoBackwardDense(8);
        var network = new Network([prefix, new Dense(3)]);
        network.Build([5], new RandomSource(1));
        network.FreezeUpTo("layer_1");
        TrainingLoop.Fit(network, Data(64, 2), null, Options(new AdamOptimizer()), new RandomSource(3));
        Assert.Single(network.Layers[1].Parameters, p => ReferenceEquals(p, network.TrainableParameters[0]));
    }

    [Fact]
    public void AFrozenLayerBetweenTrainableOnesPassesTheGradientOnWithoutItsOwn()
    {
        var middle = new CountingDense(6);
        var graph = new GraphBuilder();
        var first = new Dense(6, Activation.Tanh);
        graph.Output("y", graph.Apply(new Dense(3), graph.Apply(middle, graph.Apply(first, graph.Input("x", 5), "first"), "middle")));
        var model = graph.Build(new RandomSource(2));
        var x = TestTensors.Gaussian(new RandomSource(1), [4, 5]);
        var dy = TestTensors.Gaussian(new RandomSource(2), [4, 3]);

        model.ZeroGradients();
        model.Forward(x, training: true);
        model.BackwardParametersOnly([dy]);
        var firstGradient = first.Kernel.Gradient.Span.ToArray();

        model.LayerAt("middle").Trainable = false;
        var middleGradient = middle.Inner.Kernel.Gradient.Span.ToArray();
        model.ZeroGradients();
        model.Forward(x, training: true);
        model.BackwardParametersOnly([dy]);
        Assert.Equal((1, 1), (middle.Full, middle.InputOnly));
        // The upstream layer gets the same gradient through the frozen one; the frozen one's is neither zeroed nor added to.
        Assert.Equal(firstGradient, first.Kernel.Gradient.Span.ToArray());
        Assert.Equal(middleGradient, middle.Inner.Kernel.Gradient.Span.ToArray());
        Assert.Equal(4, model.TrainableParameters.Count);
    }

    [Fact]
    public void FreezingUpToANodeFreezesItsUpstreamLayersOnly()
    {
        var graph = new GraphBuilder();
        var (a, b, side, head) = (new Dense(4), new Dense(4), new Dense(4), new Dense(2));
        var x = graph.Input("x", 3);
        var trunk = graph.Apply(b, graph.Apply(a, x, "a"), "b");
        var sum = graph.Add(trunk, graph.Apply(side, x, "side"));
        graph.Output("y", graph.Apply(head, sum, "head"));
        var model = graph.Build(new RandomSource(1));
        model.FreezeUpTo("b");
        Assert.Equal((false, false, true, true), (a.Trainable, b.Trainable, side.Trainable, head.Trainable));
        model.FreezeUpTo(sum.Name);
        Assert.Equal((false, true), (side.Trainable, head.Trainable));
        model.Unfreeze();
        Assert.True(model.Layers.All(l => l.Trainable));
        Assert.Equal(model.Parameters.Count, model.TrainableParameters.Count);
    }

    [Fact]
    public void AnUnknownLayerNameIsAnErrorNamingIt()
    {
        var network = Mlp();
        var e = Assert.Throws<ArgumentException>(() => network.FreezeUpTo("conv9"));
        Assert.Contains("'conv9'", e.Message);
        Assert.Contains("'layer_1'", e.Message);
        var graph = network.Graph;
        Assert.Contains("'input' is an input", Assert.Throws<ArgumentException>(() => graph.FreezeUpTo("input")).Message);
        Assert.Contains("'nope'", Assert.Throws<ArgumentException>(() => graph.LayerAt("nope")).Message);
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => network.Layers[0].LearningRateMultiplier = 0f);
        Assert.Contains("LearningRateMultiplier", rate.Message);
    }

    [Fact]
    public void ACheckpointKeepsTheFreezingAndRefusesAnother()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("mlext-freeze-").FullName, "run.ckpt");
        try
        {
            var network = Mlp();
            network.FreezeUpTo("layer_2");
            network.Layers[3].LearningRateMultiplier = 0.5f;
            var options = Options(new AdamOptimizer());
            options.CheckpointPath = path;
            options.NumberOfEpochs = 1;
            TrainingLoop.Fit(network, Data(64, 1), null, options, new RandomSource(2));
            var checkpoint = TrainingCheckpoint.Load(path);
            Assert.Contains(checkpoint.Architecture, line => line.Contains(" frozen statistics-frozen", StringComparison.Ordinal));
            Assert.Contains(checkpoint.Architecture, line => line.EndsWith(" lr×0.5", StringComparison.Ordinal));

            var unfrozen = Mlp();
            unfrozen.Layers[3].LearningRateMultiplier = 0.5f;
            var resume = Options(new AdamOptimizer());
            resume.ResumeFrom = checkpoint;
            var e = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(unfrozen, Data(64, 1), null, resume, new RandomSource(2)));
            Assert.Contains("frozen", e.Message);

            var same = Mlp();
            same.FreezeUpTo("layer_2");
            same.Layers[3].LearningRateMultiplier = 0.5f;
            var before = Values(same.Layers[0].Parameters);
            TrainingLoop.Fit(same, Data(64, 1), null, resume, new RandomSource(2));
            Assert.Equal(3, resume.NumberOfEpochs);
            Assert.Equal(before[0], same.Layers[0].Parameters[0].Value.Span.ToArray());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}

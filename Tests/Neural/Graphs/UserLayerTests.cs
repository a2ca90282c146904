using MLExt.Neural;
using MLExt.Tests.Onnx;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>A user's layer conforms, is shared, trains, checkpoints and exports once registered; shapes are inferred without building.</summary>
public sealed class UserLayerTests
{
    public UserLayerTests() => ScaleLayer.Register();

    [Fact]
    public void AUsersLayerPassesTheConformanceChecks() => LayerConformance.CheckAll(() => new ScaleLayer(), [3, 4], 4);

    private static ModelGraph Graph(int seed)
    {
        var g = new GraphBuilder();
        var shared = new ScaleLayer();
        var a = g.Apply(shared, g.Apply(new Dense(4, Activation.Tanh), g.Input("a", 3)));
        var b = g.Apply(shared, g.Input("b", 4));
        g.Output("y", g.Apply(new Dense(2), g.Add(a, b)));
        return g.Build(new RandomSource(seed));
    }

    [Fact]
    public void ASharedUsersLayerTrainsResumesAndExports()
    {
        GraphConformance.CheckAll("shared user layer", random => Graph(random.NextInt(1000)));
        var random = new RandomSource(1);
        var data = new GraphData()
            .Add("a", Enumerable.Range(0, 60 * 3).Select(_ => random.NextGaussian()).ToArray(), 3)
            .Add("b", Enumerable.Range(0, 60 * 4).Select(_ => random.NextGaussian()).ToArray(), 4)
            .Add("y", Enumerable.Range(0, 60 * 2).Select(_ => random.NextGaussian()).ToArray(), 2);
        var path = Path.Combine(Path.GetTempPath(), $"mlext-user-layer-{Guid.NewGuid():N}.ckpt");
        try
        {
            TrainingHistory Fit(ModelGraph graph, int epochs, TrainingCheckpoint? resume, string? checkpoint) => TrainingLoop.Fit(graph, data, null,
                new GraphObjective(graph, new OutputLoss("y", new MeanSquaredError())),
                new TrainingOptions { NumberOfEpochs = epochs, BatchSize = 8, Optimizer = new AdamOptimizer { LearningRate = 0.01f }, ResumeFrom = resume, CheckpointPath = checkpoint },
                new RandomSource(2));
            var full = Graph(3);
            var history = Fit(full, 4, null, null);
            Assert.True(history.Epochs[^1].TrainingLoss < history.Epochs[0].TrainingLoss);
            Fit(Graph(3), 2, null, path);
            var resumed = Graph(4);
            Fit(resumed, 4, TrainingCheckpoint.Load(path), null);
            Assert.Equal(full.GetWeights(), resumed.GetWeights());

            var x = new[] { TestTensors.Gaussian(random, [3, 3]), TestTensors.Gaussian(random, [3, 4]) };
            var expected = full.Forward(x, training: false)[0].Clone();
            var (values, _) = OnnxRuntimeRunner.Run(full.ExportOnnx(), new Dictionary<string, Tensor> { ["a"] = x[0], ["b"] = x[1] })["y"];
            TestTensors.AssertClose(expected.Span, values, 1e-5, "user layer through ONNX Runtime");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OutputShapesAreInferredWithoutBuilding()
    {
        var cases = new (Layer Layer, int[] Input)[]
        {
            (new Dense(5), [7]), (new Dense(5), [3, 7]), (new Embedding(10, 4), [6]), (new Conv2D(3, 3, stride: 2), [2, 9, 8]),
            (new Lstm(4, returnSequences: true), [5, 3]), (new TemporalMeanPooling(), [5, 3]), (new Flatten(), [2, 3, 4]),
            (new Slice(1, 1, 2), [3, 4]), (new ScaleLayer(), [2, 5]), (new TransformerEncoderBlock(4, 2, 8), [5, 4]),
        };
        foreach (var (layer, input) in cases)
        {
            var shape = layer.ComputeOutputShape(input);
            Assert.False(layer.IsBuilt);
            Assert.Equal(layer.CloneUnbuilt().Build(input, new RandomSource(1)), shape);
        }
        var e = Assert.Throws<ArgumentException>(() => new Dense(3).ComputeOutputShape([2, 3, 4]));
        Assert.Contains("Dense expects flat inputs", e.Message);
        Assert.Contains("Slice [1, 3) on axis 1 does not fit", Assert.Throws<ArgumentException>(() => new Slice(1, 1, 2).ComputeOutputShape([3, 2])).Message);
    }

    [Fact]
    public void LayerTypesAreRegisteredPublicly()
    {
        Assert.True(LayerRegistry.IsRegistered("TestScale"));
        Assert.Contains(nameof(Slice), LayerRegistry.TypeNames);
        Assert.IsType<ScaleLayer>(Layer.FromConfig(new LayerConfig("TestScale")));
        var e = Assert.Throws<ArgumentException>(() => LayerRegistry.Register("TestScale", _ => new Dense(1)));
        Assert.Contains("already registered", e.Message);
        Assert.Contains("LayerRegistry.Register", Assert.Throws<FormatException>(() => Layer.FromConfig(new LayerConfig("NoSuchLayer"))).Message);
    }
}

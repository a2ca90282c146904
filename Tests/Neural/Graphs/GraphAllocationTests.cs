using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>A graph's training step (two inputs, a shared layer, merges, two weighted outputs, masks) allocates nothing once warm.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class GraphAllocationTests
{
    private const int BatchSize = 16, Rows = BatchSize * 6, Steps = 8;

    [Fact]
    public void AGraphTrainingBatchAllocatesNothingOnceWarm()
    {
        var g = new GraphBuilder();
        var tokens = g.TokenInput("tokens", Steps);
        var numbers = g.Input("numbers", 5);
        var text = g.Apply(tokens, new Embedding(20, 8, paddingIndex: 0), new Lstm(6), new Dropout(0.1f));
        var shared = new Dense(6, Activation.Relu);
        var left = g.Apply(shared, numbers);
        var right = g.Apply(shared, g.Apply(new Dense(5, Activation.Tanh), numbers));
        var joined = g.Concatenate(-1, g.Add(text, g.Multiply(left, right)), g.Subtract(left, right));
        var hidden = g.Apply(new ActivityRegularization(l2: 1e-3f), joined);
        g.Output("class", g.Apply(new Dense(3), hidden));
        g.Output("value", g.Apply(new Dense(1), g.Average(g.Split(hidden, axis: 0, parts: 2, size: 6))));
        var graph = g.Build(new RandomSource(2));

        var random = new RandomSource(3);
        var ids = new float[Rows * Steps];
        for (int i = 0; i < ids.Length; i++) ids[i] = i % Steps < 2 + i / Steps % 5 ? 1 + random.NextInt(19) : 0;
        var label = new float[Rows * 3];
        for (int i = 0; i < Rows; i++) label[i * 3 + random.NextInt(3)] = 1f;
        var data = new GraphData()
            .Add("tokens", ids, Steps)
            .Add("numbers", Enumerable.Range(0, Rows * 5).Select(_ => random.NextGaussian()).ToArray(), 5)
            .Add("class", label, 3)
            .Add("value", Enumerable.Range(0, Rows).Select(_ => random.NextGaussian()).ToArray(), 1);
        var objective = new GraphObjective(graph, new OutputLoss("class", new SoftmaxCrossEntropy()), new OutputLoss("value", new MeanSquaredError(), weight: 0.5f));
        var options = new TrainingOptions { BatchSize = BatchSize, Optimizer = new AdamWOptimizer(), GradientClipNorm = 1f, L2Regularization = 1e-4f };
        var step = new StandardTrainingStep(options.Optimizer);
        var batch = new TrainingBatch(graph, objective, options, data);
        var rows = new int[BatchSize];
        int index = 0;
        void Batches(int count)
        {
            for (int i = 0; i < count; i++, index++)
            {
                for (int r = 0; r < BatchSize; r++) rows[r] = (index * BatchSize + r * 7) % Rows;
                batch.Load(rows, epoch: 0, index: index % 6);
                step.Run(batch);
            }
        }

        Batches(40);
        Assert.Equal(0, TrainingAllocationTests.FewestBytesInAWindow(() => Batches(3)));
    }
}

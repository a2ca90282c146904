using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

/// <summary>Sequence layers allocate nothing per training batch once their buffers are sized.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class SequenceTrainingAllocationTests
{
    [Fact]
    public void ATrainingBatchThroughEverySequenceLayerAllocatesNothingOnceWarm()
    {
        const int batch = 8, steps = 7, classes = 3;
        var network = new Network([
            Layer.Embedding(20, 6, paddingIndex: 0), Layer.Bidirectional(Layer.Lstm(5, returnSequences: true)),
            Layer.Gru(4, returnSequences: true), Layer.SimpleRnn(4, returnSequences: true), Layer.TemporalMaxPooling(), Layer.Dense(classes),
        ]);
        network.Build([steps], new RandomSource(1));
        var options = new TrainingOptions { BatchSize = batch, Loss = new SoftmaxCrossEntropy(), Optimizer = new AdamOptimizer() };
        var x = SequenceInputs.TokenIds(new RandomSource(2), batch, steps, 20, 0);
        var y = new Tensor(batch, classes);
        for (int i = 0; i < batch; i++) y[i * classes + i % classes] = 1f;
        var pooled = new Network([Layer.Embedding(20, 4, paddingIndex: 0), Layer.TemporalMeanPooling(), Layer.Dense(classes)]);
        pooled.Build([steps], new RandomSource(3));
        var pooledOptions = new TrainingOptions { BatchSize = batch, Loss = new SoftmaxCrossEntropy(), Optimizer = new AdamOptimizer() };
        float learningRate = options.Optimizer.LearningRate;
        int step = 0;
        void Batches(int count)
        {
            for (int i = 0; i < count; i++, step++)
            {
                TrainingLoop.Step(network, x, y, options, epoch: 0, batch: step, ref learningRate);
                TrainingLoop.Step(pooled, x, y, pooledOptions, epoch: 0, batch: step, ref learningRate);
            }
        }

        Batches(20);
        Assert.Equal(0, TrainingAllocationTests.FewestBytesInAWindow(() => Batches(3)));
    }
}

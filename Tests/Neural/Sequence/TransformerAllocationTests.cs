using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

/// <summary>Sequence layers, like the rest of the engine, allocate nothing per training batch once their buffers are sized.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class TransformerAllocationTests
{
    private const int BatchSize = 8, Time = 6, Features = 5, Classes = 3;

    [Fact]
    public void ATrainingBatchThroughEverySequenceLayerAllocatesNothingOnceWarm()
    {
        var network = new Network([
            Layer.Dense(8), Layer.SinusoidalPositionalEncoding(16), Layer.LearnedPositionalEncoding(Time),
            Layer.MultiHeadSelfAttention(2, 4, dropout: 0.1f), Layer.TransformerEncoder(8, 2, 16),
            Layer.TransformerEncoder(8, 4, 12, normFirst: false), Layer.Flatten(), Layer.Dense(Classes),
        ]);
        network.Build([Time, Features], new RandomSource(1));
        var options = new TrainingOptions { BatchSize = BatchSize, Loss = new SoftmaxCrossEntropy(), Optimizer = new AdamOptimizer() };
        var x = TestTensors.Gaussian(new RandomSource(2), [BatchSize, Time, Features]);
        var y = new Tensor(BatchSize, Classes);
        for (int i = 0; i < BatchSize; i++) y[i * Classes + i % Classes] = 1f;
        float learningRate = options.Optimizer.LearningRate;
        int step = 0;
        void Batches(int count)
        {
            for (int i = 0; i < count; i++, step++)
                TrainingLoop.Step(network, x, y, options, epoch: 0, batch: step, ref learningRate);
        }

        Batches(30);
        Assert.Equal(0, TrainingAllocationTests.FewestBytesInAWindow(() => Batches(3)));
    }
}

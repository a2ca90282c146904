using MLExt.Neural;

namespace MLExt.Tests.Neural.Images;

/// <summary>Image layers, like the rest of the engine, allocate nothing per training batch once their buffers are sized.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class ImageTrainingAllocationTests
{
    private const int BatchSize = 8, Classes = 4;

    [Fact]
    public void ATrainingBatchThroughEveryImageLayerAllocatesNothingOnceWarm()
    {
        var network = new Network([
            Layer.RandomFlip(), Layer.RandomRotation(10f), Layer.RandomZoom(), Layer.RandomTranslation(1),
            Layer.RandomContrast(), Layer.RandomBrightness(0.1f), Layer.GaussianNoise(0.05f),
            Layer.Conv2D(4, 3, padding: Padding.Same, activation: Activation.Relu), Layer.BatchNormalization(),
            Layer.DepthwiseConv2D(3, padding: Padding.Same, depthMultiplier: 2), Layer.SeparableConv2D(6, 3, padding: Padding.Same, activation: Activation.Relu),
            Layer.MaxPool2D(2), Layer.ResidualBlock(8, stride: 2), Layer.AvgPool2D(2, stride: 1, padding: Padding.Same),
            Layer.LayerNormalization(3), Layer.GlobalAveragePool2D(), Layer.Dense(Classes),
        ]);
        network.Build([2, 8, 8], new RandomSource(1));
        var options = new TrainingOptions { BatchSize = BatchSize, Loss = new SoftmaxCrossEntropy(), Optimizer = new AdamOptimizer() };
        var random = new RandomSource(2);
        var x = TestTensors.Gaussian(random, [BatchSize, 2, 8, 8]);
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

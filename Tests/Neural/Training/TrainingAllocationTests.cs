using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Tests.Neural;

/// <summary>The training loop allocates nothing per batch in steady state (per-epoch reporting excluded).</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class TrainingAllocationTests
{
    private const int Features = 256, Outputs = 10, BatchSize = 32;

    public static TheoryData<string> Setups() => ["adam", "adamw-amsgrad", "sgd-nesterov", "rmsprop-centred", "adagrad", "mse-clipped-penalised", "cnn",
        "frozen-prefix", "cnn-frozen-middle"];

    [Theory]
    [MemberData(nameof(Setups))]
    public void ATrainingBatchAllocatesNothingOnceWarm(string setup)
    {
        var (network, options) = Create(setup);
        var data = Data(BatchSize * 8, seed: 1, oneHot: options.Loss is SoftmaxCrossEntropy, network.InputShape);
        var x = new Tensor(Tensor.BatchShape(BatchSize, network.InputShape));
        var y = new Tensor(BatchSize, Outputs);
        var rows = new int[BatchSize];
        float learningRate = options.Optimizer.LearningRate;
        int step = 0;
        void Batches(int count)
        {
            for (int i = 0; i < count; i++, step++)
            {
                for (int r = 0; r < BatchSize; r++) rows[r] = (step * BatchSize + r * 7) % data.Count;
                data.Gather(rows, x, y);
                TrainingLoop.Step(network, x, y, options, epoch: step / 8, batch: step % 8, ref learningRate);
            }
        }

        Batches(60); // buffers sized, methods compiled, helper threads started
        // GC.GetTotalAllocatedBytes counts every thread, and the test host allocates a little now and
        // then (about 200 bytes per 100 ms here), so the claim is that some short window of batches
        // allocates nothing at all: a per-batch allocation would show in every window.
        Assert.Equal(0, FewestBytesInAWindow(() => Batches(4)));
    }

    [Fact]
    public void FitAllocatesPerEpochNotPerBatch()
    {
        // Whole Fit calls, reporting included: going from 2 to 6 epochs of 40 batches adds only the
        // per-epoch records (summary, history), a few hundred bytes each, far below one byte per value
        // of any batch buffer.
        long Allocated(int epochs)
        {
            var (network, options) = Create("adam");
            options.NumberOfEpochs = epochs;
            options.Metric = null;
            var data = Data(BatchSize * 40, seed: 2, oneHot: true, [Features]);
            TrainingLoop.Fit(network, data, null, options, new RandomSource(5)); // warm-up of this shape
            var (fresh, freshOptions) = Create("adam");
            freshOptions.NumberOfEpochs = epochs;
            freshOptions.Metric = null;
            long before = GC.GetTotalAllocatedBytes(precise: true);
            TrainingLoop.Fit(fresh, data, null, freshOptions, new RandomSource(5));
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < 3 && fewest > 4 * 1024; attempt++)
            fewest = Math.Min(fewest, (Allocated(6) - Allocated(2)) / 4);
        Assert.True(fewest <= 4 * 1024, $"{fewest} bytes per epoch of 40 batches");
    }

    [Fact]
    public void ALargeParallelGemmAllocatesNothingOnceWarm()
    {
        const int m = 256, n = 256, k = 256;
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        for (int i = 0; i < 5; i++) Gemm.Multiply(transposeA: false, transposeB: true, m, n, k, a, b, c, accumulate: false);
        Assert.Equal(0, FewestBytesInAWindow(() =>
        {
            for (int i = 0; i < 6; i++) Gemm.Multiply(i % 2 == 0, i % 3 == 0, m, n, k, a, b, c, accumulate: i % 5 == 0);
        }));
    }

    /// <summary>The fewest bytes any thread allocated during one run of <paramref name="window"/>, over up to 40 runs.</summary>
    internal static long FewestBytesInAWindow(Action window)
    {
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < 40 && fewest > 0; attempt++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            window();
            fewest = Math.Min(fewest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        return fewest;
    }

    private static (Network Network, TrainingOptions Options) Create(string setup)
    {
        var network = setup.StartsWith("cnn", StringComparison.Ordinal)
            ? new Network([
                Layer.Conv2D(8, 3, activation: Activation.Relu), Layer.MaxPool2D(2), Layer.Conv2D(8, 3, activation: Activation.Relu),
                Layer.MaxPool2D(2), Layer.Flatten(), new Dense(Outputs),
            ])
            : new Network([
                new Dense(64, Activation.Relu), new Dropout(0.2f), new Dense(32, Activation.Tanh),
                new ActivationLayer(Activation.Sigmoid), new Dense(Outputs),
            ]);
        network.Build(setup.StartsWith("cnn", StringComparison.Ordinal) ? [1, 16, 16] : [Features], new RandomSource(3));
        var options = new TrainingOptions { BatchSize = BatchSize, Loss = new SoftmaxCrossEntropy(), Optimizer = new AdamOptimizer() };
        switch (setup)
        {
            case "adamw-amsgrad":
                options.Optimizer = new AdamWOptimizer { Amsgrad = true, Schedule = new CosineAnnealing { TotalEpochs = 50 } };
                break;
            case "sgd-nesterov":
                options.Optimizer = new SgdOptimizer { Momentum = 0.9f, Nesterov = true, Schedule = new StepDecay() };
                break;
            case "rmsprop-centred":
                options.Optimizer = new RmsPropOptimizer { Centered = true, Momentum = 0.5f };
                break;
            case "adagrad":
                options.Optimizer = new AdaGradOptimizer();
                break;
            case "frozen-prefix":
                // Backward stops at layer 3; layer 5 steps at a tenth of the rate.
                network.FreezeUpTo("layer_2");
                network.Layers[4].LearningRateMultiplier = 0.1f;
                break;
            case "cnn-frozen-middle":
                // The second convolution passes dL/dx on without its weight gradient.
                network.Layers[2].Trainable = false;
                network.Layers[0].LearningRateMultiplier = 0.5f;
                break;
            case "mse-clipped-penalised":
                options.Loss = new MeanSquaredError();
                options.GradientClipNorm = 1f;
                options.GradientClipValue = 0.5f;
                options.L1Regularization = 1e-4f;
                options.L2Regularization = 1e-4f;
                break;
        }
        return (network, options);
    }

    private static TrainingSet Data(int count, int seed, bool oneHot, int[] featureShape)
    {
        var random = new RandomSource(seed);
        var x = new float[count * Tensor.Product(featureShape)];
        var y = new float[count * Outputs];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextGaussian();
        for (int i = 0; i < count; i++)
        {
            if (oneHot) y[i * Outputs + random.NextInt(Outputs)] = 1f;
            else for (int j = 0; j < Outputs; j++) y[i * Outputs + j] = random.NextGaussian();
        }
        return new TrainingSet(x, featureShape, y, Outputs);
    }
}

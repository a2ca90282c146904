using MLExt.Neural;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// A network the train suites measure on MNIST: its hidden layers (the trainer adds the 10-unit
/// output layer), the image shape its first layer takes, and the GEMMs one training step runs at
/// batch 64 (forward, weight gradient and input gradient of every dense or convolution layer).
/// </summary>
internal sealed record TrainingBenchmark(string Name, string Title, Func<List<Layer>> HiddenLayers, int[]? InputShape,
    IReadOnlyList<GemmCase> StepGemms, int Epochs, int QuickEpochs)
{
    public const int BatchSize = 64;

    /// <summary>Floating-point operations of one training sample: the step's products divided by the batch.</summary>
    public double FlopsPerSample => StepGemms.Sum(g => g.Flops) / BatchSize;

    /// <summary>The network of the engine-level measurements: the hidden layers and a 10-unit output.</summary>
    public Network CreateNetwork()
    {
        var network = new Network(HiddenLayers().Append(new Dense(10)));
        network.Build(InputShape ?? [784], new RandomSource(1));
        return network;
    }

    /// <summary>784-256-128-10, ReLU.</summary>
    public static TrainingBenchmark Mlp { get; } = new(
        "train-mlp", "MLP 784-256-128-10",
        () => [Layer.Dense(256, Activation.Relu), Layer.Dense(128, Activation.Relu)], null,
        DenseGemms([784, 256, 128, 10]), Epochs: 10, QuickEpochs: 2);

    /// <summary>conv(5×5, 32)–pool–conv(5×5, 64)–pool–dense(128)–dense(10), ReLU, valid convolutions, 2×2 max pooling.</summary>
    public static TrainingBenchmark Cnn { get; } = new(
        "train-cnn", "CNN conv5x5x32-pool-conv5x5x64-pool-128-10",
        () =>
        [
            Layer.Conv2D(32, 5, padding: Padding.Valid, activation: Activation.Relu), Layer.MaxPool2D(2),
            Layer.Conv2D(64, 5, padding: Padding.Valid, activation: Activation.Relu), Layer.MaxPool2D(2),
            Layer.Flatten(), Layer.Dense(128, Activation.Relu),
        ],
        [1, 28, 28],
        [
            // conv1: W[32×25] · columns[25 × 64·24·24]; dW = dZ · columnsᵀ; dcolumns = Wᵀ · dZ
            new("conv1 forward", false, false, 32, BatchSize * 576, 25),
            new("conv1 dW", false, true, 32, 25, BatchSize * 576),
            new("conv1 dcolumns", true, false, 25, BatchSize * 576, 32),
            // conv2: W[64×800] · columns[800 × 64·8·8]
            new("conv2 forward", false, false, 64, BatchSize * 64, 800),
            new("conv2 dW", false, true, 64, 800, BatchSize * 64),
            new("conv2 dcolumns", true, false, 800, BatchSize * 64, 64),
            .. DenseGemms([1024, 128, 10]),
        ],
        Epochs: 3, QuickEpochs: 1);

    private static List<GemmCase> DenseGemms(int[] widths)
    {
        var gemms = new List<GemmCase>();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            int inputs = widths[l], units = widths[l + 1];
            gemms.Add(new($"dense {inputs}→{units} forward", false, false, BatchSize, units, inputs));
            gemms.Add(new($"dense {inputs}→{units} dW", true, false, inputs, units, BatchSize));
            gemms.Add(new($"dense {inputs}→{units} dx", false, true, BatchSize, inputs, units));
        }
        return gemms;
    }
}

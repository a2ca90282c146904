using System.Collections.Concurrent;
using System.Numerics.Tensors;
using MLExt.Cli.Images;
using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Cli.Generative;

/// <summary>
/// The judge of generated digits: MLExt's CNN (the <c>mlext images --network cnn</c> layers: conv 5×5×32 – pool – conv
/// 5×5×64 – pool – dense 128 – 10 logits) trained with Adam on the 8,000 real training digits of the embedded split.
/// Trained once per process and seed (the digit score of every epoch and run of a process uses one judge).
/// </summary>
internal static class DigitClassifier
{
    /// <summary>The classes: the digits 0 to 9.</summary>
    public const int Classes = 10;

    private const int Epochs = 3, BatchSize = 64;
    private static readonly ConcurrentDictionary<int, Lazy<Network>> Trained = new();

    /// <summary>The classifier trained on <paramref name="train"/> with <paramref name="seed"/> (cached per seed).</summary>
    public static Network Get(MnistDigits train, int seed) =>
        Trained.GetOrAdd(seed, s => new Lazy<Network>(() => Train(train, s))).Value;

    /// <summary>p(y | x) for each image (row-major <c>n × 784</c> pixels in [0, 1]): <c>n × 10</c> probabilities.</summary>
    public static float[] Probabilities(Network classifier, float[] images)
    {
        int n = images.Length / MnistDigits.PixelsPerImage;
        var set = new TrainingSet(images, [1, MnistDigits.Side, MnistDigits.Side], new float[n * Classes], Classes);
        var logits = TrainingLoop.Predict(classifier, set, 256).Predictions.Span.ToArray();
        for (int i = 0; i < n; i++) TensorPrimitives.SoftMax(logits.AsSpan(i * Classes, Classes), logits.AsSpan(i * Classes, Classes));
        return logits;
    }

    /// <summary>The images of <paramref name="digits"/> as one row-major array.</summary>
    public static float[] Pixels(MnistDigits digits) => digits.Images.SelectMany(image => image).ToArray();

    private static Network Train(MnistDigits train, int seed)
    {
        var layers = ImageNetworks.Create(ImageNetworkKind.Cnn);
        layers.Insert(layers.Count - 1, new Flatten());
        layers.Add(new Dense(Classes));
        var network = new Network(layers);
        network.Build([1, MnistDigits.Side, MnistDigits.Side], new RandomSource(seed));
        var targets = new float[train.Count * Classes];
        for (int i = 0; i < train.Count; i++) targets[i * Classes + train.Labels[i]] = 1f;
        var options = new TrainingOptions
        {
            NumberOfEpochs = Epochs, BatchSize = BatchSize, Optimizer = new AdamOptimizer { LearningRate = 1e-3f }, Loss = new SoftmaxCrossEntropy(),
        };
        TrainingLoop.Fit(network, new TrainingSet(Pixels(train), [1, MnistDigits.Side, MnistDigits.Side], targets, Classes), null, options,
            new RandomSource(seed + 1));
        return network;
    }
}

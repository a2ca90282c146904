using System.Diagnostics;
using MLExt.Data;
using MLExt.Neural;
using MLExt.Neural.Kernels;
using MLExt.Trainers;
using Microsoft.ML;
using Xunit.Abstractions;

namespace MLExt.Tests.Trainers;

/// <summary>
/// The issue's image targets on the embedded MNIST split (seed 42, 8,000 train / 2,000 test), all under the Long
/// trait, each writing its figures (accuracy, parameters, seconds per epoch) to the test output. The CNN is
/// conv(5×5, 32)–pool–conv(5×5, 64)–pool–dense(128)–dense(10) ('same' padding, ReLU), Adam 1e-3, batch 64, 10 epochs.
/// Measured here (2 cores): 98.20% as it stands (peaking at 98.65% in epoch 8) and 98.90% with training-only
/// augmentation (rotation ±10°, shift ±2 px — identities at inference, so the scored network is the same CNN), about
/// 8 s per epoch on an idle machine; the separable variant has 406,570 parameters (the full one 454,922, most of both
/// in the dense layer) and reaches 98.05%; on test digits rotated by up to ±15°, 95.65% without and 97.85% with
/// augmentation after 5 epochs.
/// </summary>
public sealed class MnistCnnTests(ITestOutputHelper output)
{
    private static List<Layer> Cnn(bool separable) =>
    [
        Layer.Conv2D(32, 5, padding: Padding.Same, activation: Activation.Relu),
        Layer.MaxPool2D(2),
        separable
            ? Layer.SeparableConv2D(64, 5, padding: Padding.Same, activation: Activation.Relu)
            : Layer.Conv2D(64, 5, padding: Padding.Same, activation: Activation.Relu),
        Layer.MaxPool2D(2),
        Layer.Dense(128, Activation.Relu),
    ];

    private static List<Layer> Augmented(List<Layer> network, float degrees, int shift) =>
        [Layer.RandomRotation(degrees), Layer.RandomTranslation(shift), .. network];

    [Fact]
    [Trait("Category", "Long")]
    public void CnnWithTrainingOnlyAugmentationReachesNinetyEightAndAHalfPercentWithinTenEpochs()
    {
        var accuracy = Train(Augmented(Cnn(separable: false), 10f, 2), epochs: 10, rotateTest: false).Accuracy;
        Assert.True(accuracy >= 0.985, $"CNN test accuracy {accuracy:P2} < 98.5% after 10 epochs");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void PlainCnnReachesNinetyEightPercentWithinTenEpochs()
    {
        var accuracy = Train(Cnn(separable: false), epochs: 10, rotateTest: false).Accuracy;
        Assert.True(accuracy >= 0.98, $"CNN test accuracy {accuracy:P2} < 98% after 10 epochs");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void SeparableCnnHasFewerConvolutionWeightsAndStaysAccurate()
    {
        var (accuracy, parameters) = Train(Cnn(separable: true), epochs: 10, rotateTest: false);
        // Second convolution: 64·32·25 + 64 = 51,264 weights in full, 32·25 + 64·32 + 64 = 2,912 separable.
        Assert.Equal(454_922 - 51_264 + 2_912, parameters);
        Assert.True(accuracy >= 0.975, $"separable CNN test accuracy {accuracy:P2} < 97.5% after 10 epochs");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void AugmentationImprovesAccuracyOnRotatedDigits()
    {
        var plain = Train(Cnn(separable: false), epochs: 5, rotateTest: true).Accuracy;
        var withAugmentation = Train(Augmented(Cnn(separable: false), 15f, 1), epochs: 5, rotateTest: true).Accuracy;
        output.WriteLine($"rotated test digits: {plain:P2} without augmentation, {withAugmentation:P2} with");
        Assert.True(withAugmentation > plain, $"augmentation gave {withAugmentation:P2} on rotated digits, no better than {plain:P2} without");
    }

    private (double Accuracy, long Parameters) Train(List<Layer> layers, int epochs, bool rotateTest)
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = MnistDigits.Load().Split();
        var options = new NeuralNetworkMulticlassTrainer.Options
        {
            InputShape = [1, MnistDigits.Side, MnistDigits.Side],
            Layers = layers,
            Optimizer = new AdamOptimizer { LearningRate = 1e-3f },
            NumberOfEpochs = epochs,
            BatchSize = 64,
            Seed = 1,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.NeuralNetwork(options));
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(train.ToDataView(ml));
        clock.Stop();
        var network = model.LastTransformer.Network;
        foreach (var epoch in model.LastTransformer.History.Epochs)
            output.WriteLine($"epoch {epoch.Epoch}: loss {epoch.TrainingLoss:F4}, {epoch.Elapsed.TotalSeconds:F1}s");
        var testData = rotateTest ? Rotated(test, seed: 15).ToDataView(ml) : test.ToDataView(ml);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(testData));
        output.WriteLine($"{string.Join(" → ", network.Layers.Select(l => l.TypeName))}: {network.ParameterCount:N0} parameters, " +
            $"test accuracy {metrics.MicroAccuracy:P2}{(rotateTest ? " (rotated ±15°)" : "")} after {epochs} epochs, " +
            $"{clock.Elapsed.TotalSeconds:F0}s training ({clock.Elapsed.TotalSeconds / epochs:F1}s per epoch, {8000.0 * epochs / clock.Elapsed.TotalSeconds:F0} samples/s) on {Environment.ProcessorCount} cores");
        return (metrics.MicroAccuracy, network.ParameterCount);
    }

    /// <summary>The test digits, each rotated about its centre by an angle drawn uniformly from ±15° (seeded), bilinear.</summary>
    internal static MnistRowSet Rotated(MnistDigits digits, int seed)
    {
        var random = new RandomSource(seed);
        var images = new float[digits.Count][];
        for (int i = 0; i < digits.Count; i++)
        {
            float angle = (random.NextFloat() * 30f - 15f) * MathF.PI / 180f;
            var (cos, sin) = (MathF.Cos(angle), MathF.Sin(angle));
            images[i] = new float[MnistDigits.PixelsPerImage];
            ImageWarp.Affine(digits.Images[i], images[i], 1, MnistDigits.Side, MnistDigits.Side, cos, sin, -sin, cos);
        }
        return new MnistRowSet(images, digits.Labels);
    }

    /// <summary>Images and labels as ML.NET rows.</summary>
    internal sealed record MnistRowSet(IReadOnlyList<float[]> Images, IReadOnlyList<byte> Labels)
    {
        public IDataView ToDataView(MLContext ml) =>
            ml.Data.LoadFromEnumerable(Images.Select((image, i) => new MnistRow { Label = Labels[i], Features = image }).ToArray());
    }
}

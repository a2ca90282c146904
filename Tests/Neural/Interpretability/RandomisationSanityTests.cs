using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Tests.Neural.Interpretability;

/// <summary>
/// The model-randomisation sanity check of Adebayo et al. (2018), "Sanity checks for saliency maps": a method whose
/// attributions survive replacing the trained weights by random ones explains the input, not the model. On digits,
/// the trained network's integrated gradients and saliency must rank pixels differently from a randomly initialised
/// copy's (Spearman correlation of |attribution| well below that of two explanations of the trained network).
/// </summary>
public sealed class RandomisationSanityTests
{
    [Fact]
    public void ATrainedNetworksAttributionsDifferFromARandomNetworks()
    {
        var (train, test) = MnistDigits.Load().Split();
        const int rows = 2000;
        var x = new float[rows * MnistDigits.PixelsPerImage];
        var y = new float[rows * 10];
        for (int i = 0; i < rows; i++)
        {
            train.Images[i].CopyTo(x, i * MnistDigits.PixelsPerImage);
            y[i * 10 + train.Labels[i]] = 1;
        }
        Layer[] Layers() => [Layer.Dense(64, Activation.Tanh), Layer.Dense(10)];
        var trained = new Network(Layers());
        trained.Build([MnistDigits.PixelsPerImage], new RandomSource(1));
        TrainingLoop.Fit(trained, new TrainingSet(x, [MnistDigits.PixelsPerImage], y, 10), null, new TrainingOptions
        {
            NumberOfEpochs = 3, BatchSize = 32, Optimizer = new AdamOptimizer { LearningRate = 2e-3f },
            Loss = new SoftmaxCrossEntropy(),
        }, new RandomSource(2));
        var random = new Network(Layers());
        random.Build([MnistDigits.PixelsPerImage], new RandomSource(3));

        var explainTrained = new InputAttribution(trained);
        var explainRandom = new InputAttribution(random);
        var options = new AttributionOptions { Steps = 16 };
        double againstRandom = 0, againstItself = 0;
        const int digits = 5;
        for (int i = 0; i < digits; i++)
        {
            var image = test.Images[i];
            int label = test.Labels[i];
            var integrated = explainTrained.IntegratedGradients(image, label, options: options).Attributions;
            var smooth = explainTrained.SmoothGrad(image, label, new AttributionOptions { Samples = 16, Seed = i });
            var randomIntegrated = explainRandom.IntegratedGradients(image, label, options: options).Attributions;
            againstRandom += RankCorrelation.Spearman(Abs(explainTrained.Saliency(image, label)), Abs(explainRandom.Saliency(image, label)));
            againstRandom += RankCorrelation.Spearman(Abs(integrated), Abs(randomIntegrated));
            againstItself += RankCorrelation.Spearman(Abs(explainTrained.Saliency(image, label)), Abs(smooth));
            againstItself += RankCorrelation.Spearman(Abs(integrated), Abs(explainTrained.GradientTimesInput(image, label)));
        }
        againstRandom /= 2 * digits;
        againstItself /= 2 * digits;
        Assert.True(againstRandom < 0.5, $"trained vs random rank correlation {againstRandom:F3}");
        Assert.True(againstItself > againstRandom + 0.2, $"trained vs trained {againstItself:F3}, vs random {againstRandom:F3}");
    }

    private static float[] Abs(float[] values) => values.Select(Math.Abs).ToArray();
}

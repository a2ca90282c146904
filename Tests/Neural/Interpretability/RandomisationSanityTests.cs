using MLExt.Data;
using MLExt.Neural;
using Xunit.Abstractions;

namespace MLExt.Tests.Neural.Interpretability;

/// <summary>
/// The model-randomisation sanity check of Adebayo et al. (2018), "Sanity checks for saliency maps": a method whose
/// attributions survive replacing the trained weights by random ones explains the input, not the model. On digits,
/// the trained network's integrated gradients and saliency must rank pixels differently from a randomly initialised
/// copy's (Spearman correlation of |attribution| well below that of two explanations of the trained network).
/// </summary>
public sealed class RandomisationSanityTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact]
    public void ATrainedNetworksAttributionsDifferFromARandomNetworks()
    {
        var (train, test) = MnistDigits.Load().Split();
        const int rows = 1500;
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
            NumberOfEpochs = 2, BatchSize = 32, Optimizer = new AdamOptimizer { LearningRate = 2e-3f },
            Loss = new SoftmaxCrossEntropy(),
        }, new RandomSource(2));
        var random = new Network(Layers());
        random.Build([MnistDigits.PixelsPerImage], new RandomSource(3));

        var explainTrained = new InputAttribution(trained);
        var explainRandom = new InputAttribution(random);
        var options = new AttributionOptions { Steps = 16 };
        double saliencyVsRandom = 0, integratedVsRandom = 0, trainedVsTrained = 0;
        const int digits = 5;
        for (int i = 0; i < digits; i++)
        {
            var image = test.Images[i];
            int label = test.Labels[i];
            var saliency = explainTrained.Saliency(image, label, absolute: true);
            saliencyVsRandom += RankCorrelation.Spearman(saliency, explainRandom.Saliency(image, label, absolute: true)) / digits;
            trainedVsTrained += RankCorrelation.Spearman(saliency,
                Abs(explainTrained.SmoothGrad(image, label, new AttributionOptions { Samples = 16, Seed = i }))) / digits;
            // Integrated gradients is x ⊙ (mean gradient): zero on the blank background whatever the weights (the
            // input's share Adebayo et al. point out), so its ranks are compared on the digit's strokes.
            var stroke = Enumerable.Range(0, image.Length).Where(p => image[p] > 0).ToArray();
            var integrated = explainTrained.IntegratedGradients(image, label, options: options).Attributions;
            var randomIntegrated = explainRandom.IntegratedGradients(image, label, options: options).Attributions;
            integratedVsRandom += RankCorrelation.Spearman(stroke.Select(p => Math.Abs(integrated[p])).ToArray(),
                stroke.Select(p => Math.Abs(randomIntegrated[p])).ToArray()) / digits;
        }
        _output.WriteLine($"Spearman |attribution|: saliency trained vs random {saliencyVsRandom:F3}, integrated gradients " +
            $"on strokes {integratedVsRandom:F3}; saliency vs SmoothGrad of the trained network {trainedVsTrained:F3}");
        Assert.True(saliencyVsRandom < 0.4, $"saliency, trained vs random: {saliencyVsRandom:F3}");
        // Integrated gradients keeps the input's share (x ⊙ ...) even on the strokes: less apart, but clearly apart.
        Assert.True(integratedVsRandom < 0.6, $"integrated gradients, trained vs random: {integratedVsRandom:F3}");
        Assert.True(trainedVsTrained > saliencyVsRandom + 0.2, $"trained vs trained {trainedVsTrained:F3}");
    }

    private static float[] Abs(float[] values) => values.Select(Math.Abs).ToArray();
}

using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Tests.Neural.Generative;

public class VariationalAutoencoderTests
{
    private static float[] Digits(int count) => MnistDigits.Load().Split().Train.Images.Take(count).SelectMany(i => i).ToArray();

    [Fact]
    public void TheMlpHasThePyTorchExampleShapes()
    {
        var vae = VariationalAutoencoder.Mlp(new RandomSource(1));
        Assert.Equal([784], vae.ImageShape);
        Assert.Equal(20, vae.LatentSize);
        // 784·400 + 400, 400·40 + 40 (μ and log σ²), 20·400 + 400, 400·784 + 784
        Assert.Equal(784 * 400 + 400 + 400 * 40 + 40 + 20 * 400 + 400 + 400 * 784 + 784, vae.Graph.ParameterCount);
        Assert.Equal([VariationalAutoencoder.ReconstructionName], vae.Graph.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void TheConvolutionalVaeMapsImagesBackToImages()
    {
        var vae = VariationalAutoencoder.Convolutional(new RandomSource(1), side: 28, latent: 5);
        Assert.Equal([1, 28, 28], vae.ImageShape);
        Assert.Equal([1, 28, 28], vae.Graph.Outputs[0].Shape);
        Assert.Contains(vae.Decoder, l => l is Conv2DTranspose);
        var images = Digits(6);
        Assert.Equal([6, 5], vae.EncodeMean(new Tensor(images, 6, 1, 28, 28)).Shape);
        var (elbo, reconstruction, kl) = vae.Evaluate(images);
        Assert.Equal(reconstruction + kl, elbo, 1e-9);
        Assert.Equal("side", Assert.Throws<ArgumentOutOfRangeException>(() => VariationalAutoencoder.Convolutional(new RandomSource(1), side: 30)).ParamName);
    }

    [Theory]
    [InlineData(0, "latent")]
    [InlineData(-3, "latent")]
    public void ALatentSizeBelowOneIsRefusedNamingIt(int latent, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => VariationalAutoencoder.Mlp(new RandomSource(1), latent: latent));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void TrainingLowersTheTestNegativeElboAndTheSameSeedGivesTheSameModel()
    {
        var images = Digits(300);
        var train = images[..(200 * 784)];
        var test = images[(200 * 784)..];
        (double Before, double After, float[] Weights) Run()
        {
            var random = new RandomSource(3);
            var vae = VariationalAutoencoder.Mlp(random, hidden: 64, latent: 4);
            double before = vae.Evaluate(test).NegativeElbo;
            var options = new TrainingOptions { NumberOfEpochs = 4, BatchSize = 32, Optimizer = new AdamOptimizer { LearningRate = 3e-3f } };
            TrainingLoop.Fit(vae.Graph, vae.Data(train), null, vae.Objective(), options, random);
            return (before, vae.Evaluate(test).NegativeElbo, vae.Graph.GetWeights().SelectMany(w => w).ToArray());
        }
        var first = Run();
        // An untrained decoder gives about 784·log 2 ≈ 543 nats; four short epochs must take off a good part of it.
        Assert.InRange(first.Before, 450, 650);
        Assert.True(first.After < first.Before - 150, $"−ELBO went from {first.Before:F1} to {first.After:F1} nats per image");
        var second = Run();
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.After, second.After);
    }

    [Fact]
    public void TheElboIsReconstructionPlusKlAndEncodeDecodeHaveTheirShapes()
    {
        var vae = VariationalAutoencoder.Mlp(new RandomSource(2), hidden: 16, latent: 3);
        var images = Digits(10);
        var (elbo, reconstruction, kl) = vae.Evaluate(images, batchSize: 4);
        Assert.Equal(reconstruction + kl, elbo, 1e-9);
        Assert.True(kl > 0);
        var mean = vae.EncodeMean(new Tensor(images, 10, 784));
        Assert.Equal([10, 3], mean.Shape);
        var pixels = vae.Decode(mean);
        Assert.Equal([10, 784], pixels.Shape);
        Assert.All(pixels.Span.ToArray(), p => Assert.InRange(p, 0f, 1f));
        Assert.Equal([4, 784], vae.SamplePrior(4, new RandomSource(5)).Shape);
        Assert.Throws<ArgumentException>(() => vae.Decode(new Tensor(2, 4)));
    }

    [Fact]
    public void PixelsOutsideTheUnitIntervalAreRefusedNamingTheLoss()
    {
        var vae = VariationalAutoencoder.Mlp(new RandomSource(2), hidden: 8, latent: 2);
        var images = Digits(2);
        images[3] = 255f;
        var error = Assert.Throws<ArgumentException>(() => vae.Evaluate(images));
        Assert.Contains(nameof(BernoulliReconstructionLoss), error.Message);
        Assert.Contains("[0, 1]", error.Message);
    }
}

using MLExt.Neural;

namespace MLExt.Tests.Neural.Generative;

/// <summary>The GAN step and training on tiny models: gradients by finite differences, the loss by hand, seeds, shapes.</summary>
public sealed class GanTests
{
    private static readonly int[] Small = [1, 4, 4];

    private static (ModelGraph Generator, ModelGraph Discriminator) Pair(GanArchitecture architecture, int classes, int seed) =>
        (GanModels.Generator(architecture, 3, classes, Small, 2, new RandomSource(seed)),
            GanModels.Discriminator(architecture, classes, Small, 2, new RandomSource(seed + 1)));

    private static GanTrainingStep Step(ModelGraph generator, ModelGraph discriminator) =>
        new(generator, discriminator, new AdamOptimizer(), new AdamOptimizer(), new RandomSource(3));

    private static Tensor[] GeneratorInputs(ModelGraph generator, int rows, int seed)
    {
        var random = new RandomSource(seed);
        return generator.Inputs.Select(input =>
        {
            var t = new Tensor(Tensor.BatchShape(rows, input.Shape));
            if (input.Name == GanNames.Noise) for (int i = 0; i < t.Length; i++) t.Span[i] = random.NextGaussian();
            else for (int r = 0; r < rows; r++) t.Span[r * input.Shape[0] + r % input.Shape[0]] = 1f;
            return t;
        }).ToArray();
    }

    [Theory]
    [InlineData(GanArchitecture.Mlp, 0)]
    [InlineData(GanArchitecture.Mlp, 2)]
    // The unconditional DCGAN is left out: at this size its batch norms and (Leaky)ReLUs put kinks within ±ε of more
    // than a tenth of its last kernel's coordinates, which the harness refuses to judge. It is the conditional
    // generator without the class input, so the conditional case covers its path.
    [InlineData(GanArchitecture.Dcgan, 2)]
    public void TheNonSaturatingGeneratorGradientMatchesFiniteDifferences(GanArchitecture architecture, int classes)
    {
        var (generator, discriminator) = Pair(architecture, classes, 5);
        var step = Step(generator, discriminator);
        var inputs = GeneratorInputs(generator, 6, 7);
        step.ComputeGeneratorGradients(inputs);
        var checkedParameters = generator.Parameters;
        var analytic = checkedParameters.Select(p => p.Gradient.Span.ToArray()).ToArray();
        Assert.Contains(analytic, g => g.Any(v => v != 0));
        for (int k = 0; k < analytic.Length; k++)
        {
            var p = checkedParameters[k];
            GradientCheck.AssertMatches($"{architecture} G {p}", p.Value.Data, analytic[k], () => step.ComputeGeneratorGradients(inputs));
        }
    }

    [Fact]
    public void TheGeneratorLossIsTheMeanSoftplusOfMinusTheDiscriminatorsLogit()
    {
        var (generator, discriminator) = Pair(GanArchitecture.Mlp, 0, 9);
        var step = Step(generator, discriminator);
        var inputs = GeneratorInputs(generator, 5, 2);
        float loss = step.ComputeGeneratorGradients(inputs);
        var fake = generator.Forward(inputs, training: true)[0].Clone();
        var logits = discriminator.Forward([fake], training: true)[0];
        // −log σ(l) = log(1 + e^−l)
        double expected = logits.Span.ToArray().Average(l => Math.Log(1 + Math.Exp(-l)));
        Assert.Equal(expected, loss, 1e-5);
    }

    private static (float[] Images, int[] Labels) Images(int count, int seed)
    {
        var random = new RandomSource(seed);
        var images = new float[count * 16];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            // class 0: a bright left half, class 1: a bright right half
            for (int p = 0; p < 16; p++) images[i * 16 + p] = ((p % 4 < 2) == (labels[i] == 0) ? 0.8f : 0.1f) + 0.1f * random.NextFloat();
        }
        return (images, labels);
    }

    [Theory]
    [InlineData(GanArchitecture.Mlp, false)]
    [InlineData(GanArchitecture.Dcgan, true)]
    public void SameSeedGivesTheSameGeneratorAndSamples(GanArchitecture architecture, bool conditional)
    {
        var (images, labels) = Images(40, 1);
        int classes = conditional ? 2 : 0;
        (float[][] Weights, float[] Samples, IReadOnlyList<GanEpoch> Epochs) Train(int seed)
        {
            var (generator, discriminator) = Pair(architecture, classes, 11);
            var options = new GanOptions { NoiseSize = 3, Classes = classes, NumberOfEpochs = 2, BatchSize = 8, Seed = seed, LabelSmoothing = 0.1f };
            var epochs = GanTraining.Fit(generator, discriminator, images, conditional ? labels : null, options);
            var samples = GanTraining.Generate(generator, 12, new RandomSource(4), conditional ? [.. Enumerable.Range(0, 12).Select(i => i % 2)] : null);
            return (generator.GetWeights(), samples, epochs);
        }

        var first = Train(1);
        var again = Train(1);
        var other = Train(2);
        Assert.Equal(first.Weights, again.Weights);
        Assert.Equal(first.Samples, again.Samples);
        Assert.NotEqual(first.Weights, other.Weights);
        Assert.Equal(2, first.Epochs.Count);
        Assert.All(first.Epochs, e => Assert.True(double.IsFinite(e.DiscriminatorLoss) && double.IsFinite(e.GeneratorLoss)));
        Assert.Equal(12 * 16, first.Samples.Length);
        Assert.All(first.Samples, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void AGeneratorWhoseImagesDoNotFitTheDiscriminatorIsRefusedNamingTheNodeAndLayer()
    {
        var generator = GanModels.Generator(GanArchitecture.Dcgan, 3, 0, [1, 8, 8], 2, new RandomSource(1));
        var discriminator = GanModels.Discriminator(GanArchitecture.Mlp, 0, Small, 2, new RandomSource(2));
        var e = Assert.Throws<ArgumentException>(() => Step(generator, discriminator));
        Assert.Contains("generator's output 'image'", e.Message);
        Assert.Contains("layer ActivationLayer", e.Message);
        Assert.Contains("[1, 8, 8]", e.Message);
        Assert.Contains("discriminator's input 'image' takes [1, 4, 4]", e.Message);
        var options = new GanOptions { NoiseSize = 3 };
        Assert.Throws<ArgumentException>(() => GanTraining.Fit(generator, discriminator, new float[64], null, options));
    }

    [Fact]
    public void BadDataAndSettingsAreRefusedBeforeTraining()
    {
        var (generator, discriminator) = Pair(GanArchitecture.Mlp, 2, 1);
        var (images, labels) = Images(4, 1);
        var options = new GanOptions { NoiseSize = 3, Classes = 2 };
        Assert.Contains("give one class per image", Assert.Throws<ArgumentException>(() => GanTraining.Fit(generator, discriminator, images, null, options)).Message);
        images[5] = 1.5f;
        Assert.Contains("Image 1, pixel 6 is 1.5", Assert.Throws<ArgumentException>(() => GanTraining.Fit(generator, discriminator, images, labels, options)).Message);
        var smoothing = new GanOptions { NoiseSize = 3, Classes = 2, LabelSmoothing = 0.5f };
        Assert.Contains("LabelSmoothing", Assert.Throws<SettingOutOfRangeException>(() => smoothing.Validate()).Message);
    }
}

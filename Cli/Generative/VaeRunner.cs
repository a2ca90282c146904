using MLExt.Cli.Output;
using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Cli.Generative;

/// <summary>The body of <c>mlext vae</c>: train on the embedded digits, report the ELBO per epoch, write the PNGs.</summary>
internal static class VaeRunner
{
    private const int GridColumns = 8, ManifoldSide = 15;

    /// <summary>Runs a validated request; returns the exit code.</summary>
    public static int Run(VaeRequest request, CliOutput output)
    {
        var (train, test) = MnistDigits.Load().Split();
        int trainCount = Leading(train.Count, request.Subset), testCount = Leading(test.Count, request.Subset);
        var trainImages = train.Images.Take(trainCount).SelectMany(i => i).ToArray();
        var testImages = test.Images.Take(testCount).SelectMany(i => i).ToArray();
        var testLabels = test.Labels.Take(testCount).ToArray();
        var random = new RandomSource(request.Seed);
        var vae = request.Convolutional
            ? VariationalAutoencoder.Convolutional(random, MnistDigits.Side, request.Latent)
            : VariationalAutoencoder.Mlp(random, MnistDigits.PixelsPerImage, latent: request.Latent);
        string kind = request.Convolutional ? "convolutional" : "MLP";
        output.Line($"Digits: {trainCount:N0} training and {testCount:N0} test images (MnistDigits.Split(seed {MnistDigits.DefaultSplitSeed})), " +
            "pixels as grey values in [0, 1].");
        output.Line($"{kind} VAE, latent {request.Latent}, {vae.Graph.ParameterCount:N0} parameters: " +
            $"{string.Join(" → ", vae.Encoder.Concat<Layer>([vae.Sampling]).Concat(vae.Decoder).Select(l => l.TypeName))}; Adam " +
            $"{request.LearningRate:G3}, batch {request.BatchSize}, {request.Epochs} epochs, seed {request.Seed}.");
        output.Line("Negative ELBO in nats per image: Bernoulli reconstruction summed over the 784 pixels + KL, averaged over images " +
            "(z drawn once per image).");

        var epochs = new VaeEpochs(vae, testImages, text => output.Line(text));
        var options = new TrainingOptions
        {
            NumberOfEpochs = request.Epochs, BatchSize = request.BatchSize,
            Optimizer = new AdamOptimizer { LearningRate = request.LearningRate }, Progress = epochs,
        };
        TrainingLoop.Fit(vae.Graph, vae.Data(trainImages), null, vae.Objective(), options, random);

        var files = WriteImages(request, vae, testImages, testLabels, random.Fork());
        var last = epochs.Rows[^1];
        output.Line();
        output.Line($"Test negative ELBO after {last.Epoch} epochs: {last.TestNegativeElbo:F2} nats per image.");
        output.Line($"Wrote {string.Join(", ", files)}.");
        output.FinalJson(new
        {
            Command = "vae",
            Model = kind.ToLowerInvariant(), request.Latent, vae.Graph.ParameterCount, request.Epochs, request.LearningRate, request.BatchSize,
            request.Seed, TrainImages = trainCount, TestImages = testCount,
            History = epochs.Rows,
            TestNegativeElbo = last.TestNegativeElbo,
            Files = files,
        });
        return 0;
    }

    // The first ⌈fraction·count⌉ images (at least one).
    private static int Leading(int count, float fraction) => Math.Max(1, (int)Math.Ceiling(fraction * count));

    private static List<string> WriteImages(VaeRequest request, VariationalAutoencoder vae, float[] testImages, byte[] testLabels, RandomSource random)
    {
        Directory.CreateDirectory(request.Output);
        int side = MnistDigits.Side, pixels = MnistDigits.PixelsPerImage;
        var files = new List<string>();
        string Path(string name)
        {
            var path = System.IO.Path.Combine(request.Output, name);
            files.Add(path);
            return path;
        }

        // Reconstructions: rows of eight test digits, each followed by the row of their decoded means.
        int shown = Math.Min(4 * GridColumns, testLabels.Length);
        var originals = new Tensor(testImages.AsSpan(0, shown * pixels).ToArray(), Tensor.BatchShape(shown, vae.ImageShape));
        var decoded = vae.Decode(vae.EncodeMean(originals));
        int columns = Math.Min(GridColumns, shown);
        var grid = new List<float[]>();
        for (int first = 0; first < shown; first += columns)
        {
            int count = Math.Min(columns, shown - first);
            for (int i = 0; i < count; i++) grid.Add(originals.Row(first + i).ToArray());
            for (int i = count; i < columns; i++) grid.Add(new float[pixels]);
            for (int i = 0; i < count; i++) grid.Add(decoded.Row(first + i).ToArray());
            for (int i = count; i < columns; i++) grid.Add(new float[pixels]);
        }
        DigitGrid.Write(Path("reconstructions.png"), grid, side, columns);

        var samples = vae.SamplePrior(GridColumns * GridColumns, random);
        DigitGrid.Write(Path("samples.png"), Enumerable.Range(0, samples.Rows).Select(i => samples.Row(i).ToArray()).ToList(), side, GridColumns);

        if (vae.LatentSize == 2)
        {
            var means = vae.EncodeMean(new Tensor(testImages, Tensor.BatchShape(testLabels.Length, vae.ImageShape)));
            LatentSpacePlot.Write(Path("latent-space.png"), means.Span.ToArray(), testLabels);
            DigitGrid.Write(Path("manifold.png"), Manifold(vae), side, ManifoldSide);
        }
        return files;
    }

    // The decoded grid of z on [−2.5, 2.5]² (±2.5 prior standard deviations), z₂ growing upwards as in a plot.
    private static List<float[]> Manifold(VariationalAutoencoder vae)
    {
        const float Reach = 2.5f;
        var z = new Tensor(ManifoldSide * ManifoldSide, 2);
        for (int row = 0; row < ManifoldSide; row++)
            for (int column = 0; column < ManifoldSide; column++)
            {
                z[2 * (row * ManifoldSide + column)] = -Reach + 2 * Reach * column / (ManifoldSide - 1);
                z[2 * (row * ManifoldSide + column) + 1] = Reach - 2 * Reach * row / (ManifoldSide - 1);
            }
        var images = vae.Decode(z);
        return Enumerable.Range(0, images.Rows).Select(i => images.Row(i).ToArray()).ToList();
    }
}

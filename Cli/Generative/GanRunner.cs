using System.Globalization;
using System.Text;
using MLExt.Cli.Output;
using MLExt.Data;
using MLExt.Evaluation.Plots;
using MLExt.IO;
using MLExt.Neural;

namespace MLExt.Cli.Generative;

/// <summary>The body of <c>mlext gan</c>: train on the embedded split, a PNG grid per epoch, the digit score, the samples CSV.</summary>
internal static class GanRunner
{
    private const int GridImages = 100, GridColumns = 10;
    private static readonly int[] ImageShape = [1, MnistDigits.Side, MnistDigits.Side];

    /// <summary>Runs a validated request; returns the exit code.</summary>
    public static int Run(GanRequest request, CliOutput output)
    {
        var options = request.Options;
        var (train, test) = MnistDigits.Load().Split();
        var trainPixels = DigitClassifier.Pixels(train);
        int classes = options.Classes;
        var random = new RandomSource(options.Seed);
        var generator = GanModels.Generator(request.Architecture, options.NoiseSize, classes, ImageShape, request.Width, random.Fork());
        var discriminator = GanModels.Discriminator(request.Architecture, classes, ImageShape, request.Width, random.Fork());
        string name = $"{(request.Conditional ? "conditional " : "")}{(request.Architecture == GanArchitecture.Dcgan ? "DCGAN" : "MLP GAN")}";
        output.Line($"{name} on the {train.Count:N0} training digits shipped with MLExt (split seed {MnistDigits.DefaultSplitSeed}): " +
            $"generator {generator.ParameterCount:N0} parameters, discriminator {discriminator.ParameterCount:N0}; Adam {options.LearningRate:G3} " +
            $"β1 {options.Beta1:G3}, batch {options.BatchSize}, noise {options.NoiseSize}, label smoothing {options.LabelSmoothing:G3}.");

        // The grid shows the same noise every epoch; a conditional grid has one column per digit.
        int[]? gridClasses = request.Conditional ? Cycle(GridImages) : null;
        var epochs = GanTraining.Fit(generator, discriminator, trainPixels, request.Conditional ? train.Labels.Select(l => (int)l).ToArray() : null, options,
            epoch =>
            {
                var grid = GanTraining.Generate(generator, GridImages, new RandomSource(options.Seed + 2), gridClasses);
                string path = Path.Combine(request.ReportDirectory, $"epoch-{epoch.Epoch:000}.png");
                var png = ImageGrid.Png(grid, MnistDigits.Side, MnistDigits.Side, GridColumns);
                AtomicFile.Write(path, stream => stream.Write(png));
                // The command runs in the invariant culture (CliApp).
                output.Line($"epoch {epoch.Epoch}: discriminator loss {epoch.DiscriminatorLoss:F4}, generator loss " +
                    $"{epoch.GeneratorLoss:F4}, {train.Count / epoch.Elapsed.TotalSeconds:F0} images/s, grid {path}");
            });
        double imagesPerSecond = train.Count * epochs.Count / epochs.Sum(e => e.Elapsed.TotalSeconds);

        var judge = StatusDisplay.Run(output, "Training the digit judge (MLExt's CNN on the training digits) ...",
            () => DigitClassifier.Get(train, options.Seed));
        var real = DigitScore.Of(judge, DigitClassifier.Pixels(test), trainPixels, null);
        int[]? asked = request.Conditional ? Cycle(request.ScoreSamples) : null;
        var samples = GanTraining.Generate(generator, request.ScoreSamples, new RandomSource(options.Seed + 3), asked);
        var fake = DigitScore.Of(judge, samples, trainPixels, asked);
        ReportTable.Write(output, "Digit score (the judge's Inception-score analogue, 10 at best) and nearest-training-image distance:",
            ["digits", "count", "digit score", "mean distance to nearest training digit", "least / most common digit", "classified as asked"],
            [Row("generated", request.ScoreSamples, fake), Row("real test digits", test.Count, real)]);
        output.Line("Share of generated digits per predicted class: " +
            string.Join(", ", fake.ClassShares.Select((s, c) => FormattableString.Invariant($"{c}: {s:P1}"))));

        if (request.OutputPath is { } csv)
        {
            int[]? sampleClasses = request.Conditional ? Cycle(request.Samples) : null;
            var written = GanTraining.Generate(generator, request.Samples, new RandomSource(options.Seed + 4), sampleClasses);
            AtomicFile.Write(csv, stream => WriteCsv(stream, written, sampleClasses));
            output.Line($"{request.Samples:N0} generated digits written to {csv}.");
        }

        output.FinalJson(new
        {
            Command = "gan",
            Architecture = request.Architecture.ToString().ToLowerInvariant(),
            request.Conditional, request.Width, options.NoiseSize, options.NumberOfEpochs, options.BatchSize, options.LearningRate, options.Beta1,
            options.LabelSmoothing, options.Seed,
            GeneratorParameters = generator.ParameterCount, DiscriminatorParameters = discriminator.ParameterCount,
            Epochs = epochs.Select(e => new { e.Epoch, e.DiscriminatorLoss, e.GeneratorLoss, Seconds = e.Elapsed.TotalSeconds }),
            ImagesPerSecond = imagesPerSecond,
            request.ScoreSamples,
            DigitScore = fake.Score, ClassShares = fake.ClassShares, MeanNearestDistance = fake.MeanNearestDistance,
            ClassifiedAsAsked = fake.AskedClassAccuracy,
            RealDigitScore = real.Score, RealMeanNearestDistance = real.MeanNearestDistance,
            request.ReportDirectory, Samples = request.OutputPath is null ? 0 : request.Samples, request.OutputPath,
        });
        return 0;
    }

    private static int[] Cycle(int count) => Enumerable.Range(0, count).Select(i => i % DigitClassifier.Classes).ToArray();

    private static string[] Row(string what, int count, DigitScore score) =>
    [
        what, count.ToString("N0", CultureInfo.InvariantCulture), ReportTable.Figure(score.Score), ReportTable.Figure(score.MeanNearestDistance),
        FormattableString.Invariant($"{score.ClassShares.Min():P1} / {score.ClassShares.Max():P1}"),
        score.AskedClassAccuracy is double a ? a.ToString("P1", CultureInfo.InvariantCulture) : "",
    ];

    // One row per digit: the asked class (conditional), then the 784 pixels in [0, 1].
    private static void WriteCsv(Stream stream, float[] images, int[]? classes)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        var csv = new CsvWriter(writer);
        var pixels = Enumerable.Range(0, MnistDigits.PixelsPerImage).Select(p => $"pixel{p}");
        csv.WriteRow(classes is null ? pixels : pixels.Prepend("class"));
        int size = MnistDigits.PixelsPerImage;
        for (int i = 0; i < images.Length / size; i++)
        {
            var values = images.AsSpan(i * size, size).ToArray().Select(v => v.ToString("0.#####", CultureInfo.InvariantCulture));
            csv.WriteRow(classes is null ? values : values.Prepend(classes[i].ToString(CultureInfo.InvariantCulture)));
        }
        csv.Flush();
    }
}

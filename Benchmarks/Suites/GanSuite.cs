using System.Diagnostics;
using System.Text.Json.Nodes;
using MLExt.Benchmarks.Reporting;
using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// GAN training throughput on the embedded digits (batch 64, Adam 2e-4 β₁ 0.5): real images per second of one epoch
/// of <see cref="GanTraining.Fit"/> (each image costs a generator forward and backward and three discriminator passes),
/// next to the reference in the same process: the same discriminator trained alone as a real/fake classifier with the
/// built-in step on the same images (one forward and backward per image). The ratio is the GAN step's cost in units
/// of a plain supervised step of its discriminator.
/// </summary>
internal static class GanSuite
{
    private const int Batch = 64;
    private static readonly int[] ImageShape = [1, MnistDigits.Side, MnistDigits.Side];

    private static readonly (string Name, GanArchitecture Architecture, int Width)[] Models =
    [
        ("MLP GAN (256-512 / 512-256)", GanArchitecture.Mlp, 64),
        ("DCGAN width 32", GanArchitecture.Dcgan, 32),
        ("DCGAN width 64", GanArchitecture.Dcgan, 64),
    ];

    public static void Run(SuiteReport report, bool quick, int repeats)
    {
        int count = quick ? 256 : 1024;
        var (train, _) = MnistDigits.Load().Split();
        var images = train.Images.Take(count).SelectMany(i => i).ToArray();
        var rows = report.Table($"GAN training on {count:N0} digits, batch {Batch}, best of {repeats}",
            "model", "G / D parameters", "GAN images/s", "D alone images/s", "ratio", "load");
        foreach (var (name, architecture, width) in Models)
        {
            SuiteReport.Progress($"gan: {name}");
            var gan = new List<double>();
            var alone = new List<double>();
            long generatorParameters = 0, discriminatorParameters = 0;
            var load = LoadAverage.Open();
            for (int r = 0; r < repeats; r++)
            {
                var generator = GanModels.Generator(architecture, 100, 0, ImageShape, width, new RandomSource(1));
                var discriminator = GanModels.Discriminator(architecture, 0, ImageShape, width, new RandomSource(2));
                (generatorParameters, discriminatorParameters) = (generator.ParameterCount, discriminator.ParameterCount);
                var clock = Stopwatch.StartNew();
                GanTraining.Fit(generator, discriminator, images, null, new GanOptions { NumberOfEpochs = 1, BatchSize = Batch });
                gan.Add(count / clock.Elapsed.TotalSeconds);
                alone.Add(DiscriminatorAlone(architecture, width, images, count));
            }
            load.Close();
            rows.Add([name, $"{generatorParameters:N0} / {discriminatorParameters:N0}", $"{gan.Max():N0}", $"{alone.Max():N0}",
                $"{alone.Max() / gan.Max():F2}", load.ToString()]);
            report.Json[name] = new JsonObject
            {
                ["images"] = count, ["ganImagesPerSecond"] = gan.Max(), ["discriminatorAloneImagesPerSecond"] = alone.Max(),
                ["generatorParameters"] = generatorParameters, ["discriminatorParameters"] = discriminatorParameters, ["load"] = load.ToJson(),
            };
        }
        report.Note("ratio: D alone images/s over GAN images/s (how many supervised discriminator steps one GAN step costs).");
        report.LoadNote();
    }

    // One epoch of the built-in step on the discriminator, labelling the images real and fake alternately.
    private static double DiscriminatorAlone(GanArchitecture architecture, int width, float[] images, int count)
    {
        var discriminator = GanModels.Discriminator(architecture, 0, ImageShape, width, new RandomSource(2));
        var targets = Enumerable.Range(0, count).Select(i => (float)(i % 2)).ToArray();
        var data = new GraphData().Add(GanNames.Image, images, ImageShape).Add(GanNames.RealTarget, targets, 1);
        var objective = new GraphObjective(discriminator, new OutputLoss(GanNames.Logit, new BinaryCrossEntropyWithLogits(), target: GanNames.RealTarget));
        var options = new TrainingOptions { NumberOfEpochs = 1, BatchSize = Batch, Optimizer = new AdamOptimizer { LearningRate = 2e-4f, Beta1 = 0.5f } };
        var clock = Stopwatch.StartNew();
        TrainingLoop.Fit(discriminator, data, null, objective, options, new RandomSource(3));
        return count / clock.Elapsed.TotalSeconds;
    }
}

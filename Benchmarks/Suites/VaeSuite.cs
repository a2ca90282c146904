using MLExt.Benchmarks.Reporting;
using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// Training throughput of the variational autoencoders on the embedded digits (batch 128, Adam): images per second of a
/// whole training step (forward, negative ELBO, backward, Adam) for the MLP VAE 784-400-20-400-784 next to the rate its
/// GEMMs alone allow on random operands of the same shapes, and for the convolutional VAE; and the transposed
/// convolution of the convolutional decoder next to the convolution it is the adjoint of (same GEMM sizes).
/// </summary>
internal static class VaeSuite
{
    private const int Batch = 128, Latent = 20;

    public static void Run(SuiteReport report, bool quick, int repeats)
    {
        double minSeconds = quick ? 0.3 : 2.0;
        var images = MnistDigits.Load().Split().Train.Images.Take(Batch).SelectMany(i => i).ToArray();
        var rows = report.Table($"VAE training on MNIST digits, batch {Batch}, latent {Latent}",
            "model", "train images/s (best)", "train images/s (median)", "reference images/s", "ratio", "load");

        var mlp = VariationalAutoencoder.Mlp(new RandomSource(1), latent: Latent);
        var gemms = NetworkWorkload.Gemms(MlpGemms());
        Measure(report, rows, "MLP VAE", mlp, images, "its GEMMs alone", () => gemms(), minSeconds, repeats);

        var conv = VariationalAutoencoder.Convolutional(new RandomSource(1), latent: Latent);
        var (transposed, adjoint) = ConvolutionPair();
        Measure(report, rows, "convolutional VAE", conv, images, null, null, minSeconds, repeats);
        Measure(report, rows, "Conv2DTranspose 64→32, 7×7→14×14 (forward + backward)", transposed, adjoint, minSeconds, repeats);
        report.Note("ratio: the reference's time over MLExt's (1 means the step runs at the speed of its products alone). For " +
            "Conv2DTranspose the reference is Conv2D 32→64, 14×14→7×7, whose input gradient the transposed convolution computes.");
        report.LoadNote();
    }

    private static void Measure(SuiteReport report, List<string[]> rows, string name, VariationalAutoencoder vae, float[] images,
        string? referenceName, Action? reference, double minSeconds, int repeats)
    {
        SuiteReport.Progress($"vae: {name}");
        var x = new Tensor(images, Tensor.BatchShape(Batch, vae.ImageShape));
        var objective = vae.Objective();
        var optimizer = new AdamOptimizer { LearningRate = 1e-3f };
        void Step()
        {
            vae.Graph.ZeroGradients();
            var outputs = vae.Graph.Forward([x], training: true);
            objective.Forward(outputs, [x]);
            vae.Graph.BackwardParametersOnly(objective.Backward());
            optimizer.Step(vae.Graph.Parameters);
        }
        for (int i = 0; i < 3; i++) Step();
        var (steps, references, load) = Repeat(Step, reference, minSeconds, repeats);
        Add(report, rows, name, steps, references, load, referenceName);
    }

    private static void Measure(SuiteReport report, List<string[]> rows, string name, Action layer, Action reference, double minSeconds, int repeats)
    {
        SuiteReport.Progress($"vae: {name}");
        for (int i = 0; i < 3; i++) { layer(); reference(); }
        var (steps, references, load) = Repeat(layer, reference, minSeconds, repeats);
        Add(report, rows, name, steps, references, load, "Conv2D adjoint");
    }

    private static (List<double> Steps, List<double> References, LoadWindow Load) Repeat(Action step, Action? reference, double minSeconds, int repeats)
    {
        var steps = new List<double>();
        var references = new List<double>();
        var load = LoadAverage.Open();
        for (int r = 0; r < repeats; r++)
        {
            steps.Add(Timing.SecondsPerCall(step, minSeconds));
            if (reference is not null) references.Add(Timing.SecondsPerCall(reference, minSeconds));
        }
        load.Close();
        return (steps, references, load);
    }

    private static void Add(SuiteReport report, List<string[]> rows, string name, List<double> steps, List<double> references, LoadWindow load,
        string? referenceName)
    {
        double best = steps.Min();
        string referenceRate = references.Count > 0 ? $"{Batch / references.Min():N0} ({referenceName})" : "";
        string ratio = references.Count > 0 ? $"{references.Min() / best:F2}" : "";
        rows.Add([name, $"{Batch / best:N0}", $"{Batch / Timing.Median(steps):N0}", referenceRate, ratio, load.ToString()]);
        report.Json[name] = new System.Text.Json.Nodes.JsonObject
        {
            ["imagesPerSecondBest"] = Batch / best,
            ["imagesPerSecondMedian"] = Batch / Timing.Median(steps),
            ["referenceImagesPerSecond"] = references.Count > 0 ? Batch / references.Min() : null,
            ["load"] = load.ToJson(),
        };
    }

    // Dense (in → out) at batch B: forward x·W, weight gradient xᵀ·dz, input gradient dz·Wᵀ (none for the first layer).
    private static List<GemmCase> MlpGemms()
    {
        var cases = new List<GemmCase>();
        foreach (var (inputs, outputs, first) in new[] { (784, 400, true), (400, 2 * Latent, false), (Latent, 400, false), (400, 784, false) })
        {
            cases.Add(new($"{inputs}→{outputs} forward", false, false, Batch, outputs, inputs));
            cases.Add(new($"{inputs}→{outputs} dW", true, false, inputs, outputs, Batch));
            if (!first) cases.Add(new($"{inputs}→{outputs} dx", false, true, Batch, inputs, outputs));
        }
        return cases;
    }

    // The decoder's first transposed convolution, and the convolution it is the input gradient of.
    private static (Action Transposed, Action Adjoint) ConvolutionPair()
    {
        var random = new RandomSource(3);
        var transposed = new Conv2DTranspose(32, 4, stride: 2, padding: Padding.Same, activation: Activation.Relu);
        transposed.Build([64, 7, 7], random);
        var adjoint = new Conv2D(64, 4, stride: 2, padding: Padding.Same, activation: Activation.Relu);
        adjoint.Build([32, 14, 14], random);
        var small = new Tensor(Batch, 64, 7, 7);
        var large = new Tensor(Batch, 32, 14, 14);
        for (int i = 0; i < small.Length; i++) small[i] = random.NextGaussian();
        for (int i = 0; i < large.Length; i++) large[i] = random.NextGaussian();
        return (() => transposed.Backward(transposed.Forward(small, training: true)),
            () => adjoint.Backward(adjoint.Forward(large, training: true)));
    }
}

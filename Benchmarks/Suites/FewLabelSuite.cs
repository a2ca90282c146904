using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLExt.Benchmarks.Reporting;
using MLExt.Data;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// Few labelled images: the embedded digits rendered as RGB images, 10, 50 and 200 labels per class, 3 seeds, three ways:
/// ResNet-18 features (frozen trunk) + a new dense head; ResNet-18 with its last residual block fine-tuned + the head;
/// a small from-scratch CNN on the 28 × 28 pixels. The trunk runs once per image: the part before
/// the last block is cached ([512, 7, 7] per image), the features are the last block applied to that cache, and
/// fine-tuning trains the last block and the head on the cache. Test accuracy on the same held-out digits.
/// </summary>
internal static class FewLabelSuite
{
    private const int Classes = 10, Side = MnistDigits.Side, Size = PretrainedModels.ResNet18ImageSize;

    private sealed class DigitImage
    {
        [ImageType(Side, Side)]
        public MLImage Image { get; set; } = null!;
    }

    private sealed class PixelRow
    {
        [VectorType(3 * Size * Size)]
        public float[] Pixels { get; set; } = [];
    }

    public static void Run(SuiteReport report, bool quick)
    {
        // The full design is 10, 50 and 200 labels per class on 500 test digits; at ~1.4 ResNet-18 images/s on this
        // shared machine that trunk pass alone takes half an hour, so the default measures 10 and 50 on 200 test digits
        // and fine-tunes only at 10 labels per class, one seed (--quick: fewer still).
        int[] labelCounts = quick ? [5, 20] : [10, 50];
        int seeds = quick ? 2 : 3, pool = labelCounts[^1], testCount = quick ? 60 : 200;
        var (train, test) = MnistDigits.Load().Split();
        // The pool: the first `pool` training digits of each class; each seed draws its labelled subset from it.
        var poolIndex = Enumerable.Range(0, Classes).SelectMany(c => Enumerable.Range(0, train.Count).Where(i => train.Labels[i] == c).Take(pool)).ToArray();
        var testIndex = Enumerable.Range(0, testCount).ToArray();
        int[] poolLabels = [.. poolIndex.Select(i => (int)train.Labels[i])], testLabels = [.. testIndex.Select(i => (int)test.Labels[i])];

        var load = LoadAverage.Open();
        var frozen = PretrainedModels.ResNet18(new OnnxImportOptions { StopBefore = PretrainedModels.ResNet18LastBlock });
        var lastBlock = PretrainedModels.ResNet18(new OnnxImportOptions { StartAt = PretrainedModels.ResNet18LastBlock });
        var clock = Stopwatch.StartNew();
        var cachedPool = Trunk(frozen, train, poolIndex);
        var cachedTest = Trunk(frozen, test, testIndex);
        var poolFeatures = PretrainedTransfer.Compute(lastBlock, cachedPool);
        var testFeatures = PretrainedTransfer.Compute(lastBlock, cachedTest);
        double trunkSeconds = clock.Elapsed.TotalSeconds;
        int images = poolIndex.Length + testIndex.Length;
        SuiteReport.Progress($"few-label: trunk features of {images} images in {trunkSeconds:F0} s");

        var results = new List<(string Method, int Labels, double[] Accuracy, double[] Seconds)>();
        foreach (int labels in labelCounts)
        {
            var accuracy = new Dictionary<string, List<double>> { ["features + head"] = [], ["fine-tuned last block + head"] = [], ["from-scratch CNN"] = [] };
            var seconds = accuracy.Keys.ToDictionary(k => k, _ => new List<double>());
            for (int seed = 1; seed <= seeds; seed++)
            {
                var subset = Subset(poolLabels, labels, seed, pool);
                int[] y = [.. subset.Select(i => poolLabels[i])];
                SuiteReport.Progress($"few-label: {labels} per class, seed {seed}");

                var head = Head(seed);
                Measure("features + head", () => PretrainedTransfer.Fit(head, Rows(poolFeatures, subset, 512), y, Options(60, 0.01f), seed),
                    () => PretrainedTransfer.Accuracy(head, testFeatures, testLabels));

                if (labels == labelCounts[0] && seed == 1)
                {
                    var tuned = PretrainedModels.ResNet18(new OnnxImportOptions
                    {
                        StartAt = PretrainedModels.ResNet18LastBlock, Head = PretrainedTransfer.ClassifierHead(Classes), Seed = seed,
                    });
                    Measure("fine-tuned last block + head", () => PretrainedTransfer.Fit(tuned, Rows(cachedPool, subset, 512 * 49), y, Options(4, 1e-3f), seed),
                        () => PretrainedTransfer.Accuracy(tuned, cachedTest, testLabels));
                }

                var cnn = Cnn(seed);
                var pixels = subset.SelectMany(i => train.Images[poolIndex[i]]).ToArray();
                Measure("from-scratch CNN", () => PretrainedTransfer.Fit(cnn, pixels, y, Options(20, 1e-3f), seed),
                    () => PretrainedTransfer.Accuracy(cnn, testIndex.SelectMany(i => test.Images[i]).ToArray(), testLabels));

                void Measure(string method, Action fit, Func<double> score)
                {
                    var watch = Stopwatch.StartNew();
                    fit();
                    seconds[method].Add(watch.Elapsed.TotalSeconds);
                    accuracy[method].Add(score());
                    SuiteReport.Progress($"  {method}: accuracy {accuracy[method][^1]:P1}, fit {seconds[method][^1]:F1} s");
                }
            }
            results.AddRange(accuracy.Keys.Where(m => accuracy[m].Count > 0).Select(m => (m, labels, accuracy[m].ToArray(), seconds[m].ToArray())));
        }
        load.Close();

        var rows = report.Table($"Few labels: digits as RGB images, test accuracy on {testCount} held-out digits, {seeds} seeds (mean ± 95% t-interval)",
            "method", "labels/class", "accuracy", "per seed", "fit s (mean)");
        var json = new JsonArray();
        foreach (var (method, labels, accuracy, seconds) in results.OrderBy(r => r.Labels))
        {
            double mean = accuracy.Average(), half = HalfWidth(accuracy);
            rows.Add([method, labels.ToString(CultureInfo.InvariantCulture), $"{mean:P1} ± {half:P1}",
                string.Join(" / ", accuracy.Select(a => a.ToString("P1", CultureInfo.InvariantCulture))), seconds.Average().ToString("F1", CultureInfo.InvariantCulture)]);
            json.Add(new JsonObject { ["method"] = method, ["labelsPerClass"] = labels, ["accuracy"] = new JsonArray([.. accuracy.Select(a => (JsonNode)a)]),
                ["fitSeconds"] = new JsonArray([.. seconds.Select(s => (JsonNode)s)]) });
        }
        report.Json["fewLabel"] = new JsonObject { ["results"] = json, ["trunkSeconds"] = trunkSeconds, ["trunkImages"] = images, ["load"] = load.ToJson() };
        report.Note($"ResNet-18 (224×224, the package's preprocessing) ran once per image: {images} images in {trunkSeconds:F0} s " +
            $"({images / trunkSeconds:F2} images/s), not included in the fit times. Heads: 60 epochs, Adam 0.01; fine-tuning (only at {labelCounts[0]} labels per class, seed 1): " +
            "4 epochs, Adam 0.001, last residual block (2 convolutions 3×3×512, batch norm in training mode) + head on the cached [512, 7, 7]; " +
            "CNN (smaller than mlext images' cnn, for time): conv 3×3×16 – pool – conv 3×3×32 – pool – dense 64 on 28×28 grayscale, 20 epochs, Adam 0.001; batch 16 throughout. " +
            $"Each seed draws its labelled digits from the first {pool} per class of the training split (at {pool} per class every seed has the same images).");
        report.LoadNote();
    }

    private static TrainingOptions Options(int epochs, float learningRate) =>
        new() { NumberOfEpochs = epochs, BatchSize = 16, Optimizer = new AdamOptimizer { LearningRate = learningRate } };

    private static double HalfWidth(double[] values)
    {
        if (values.Length < 2) return 0;
        double mean = values.Average(), sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        double t = values.Length switch { 2 => 12.706, 3 => 4.303, 4 => 3.182, _ => 2.776 };
        return t * sd / Math.Sqrt(values.Length);
    }

    /// <summary><paramref name="perClass"/> pool positions of each class, drawn with the seed.</summary>
    private static int[] Subset(int[] labels, int perClass, int seed, int pool)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Classes).SelectMany(c => Enumerable.Range(c * pool, pool).OrderBy(_ => random.Next()).Take(perClass))];
    }

    private static float[] Rows(float[] values, int[] rows, int width) => [.. rows.SelectMany(r => values.AsSpan(r * width, width).ToArray())];

    private static ModelGraph Head(int seed)
    {
        var g = new GraphBuilder();
        g.Output("logits", PretrainedTransfer.ClassifierHead(Classes)(g, g.Input("features", 512, 1, 1)));
        return g.Build(new RandomSource(seed));
    }

    private static ModelGraph Cnn(int seed)
    {
        var g = new GraphBuilder();
        var x = g.Apply(g.Input("pixels", 1, Side, Side),
            new Conv2D(16, 3, padding: Padding.Same, activation: Activation.Relu), new MaxPool2D(2),
            new Conv2D(32, 3, padding: Padding.Same, activation: Activation.Relu), new MaxPool2D(2),
            new Flatten(), new Dense(64, Activation.Relu), new Dense(Classes));
        g.Output("logits", x);
        return g.Build(new RandomSource(seed));
    }

    /// <summary>The digits as RGB images through ML.NET's image pipeline (ResizeImages 224 → ExtractPixels, values
    /// 0–255), then the frozen part of the trunk, 16 images at a time.</summary>
    private static float[] Trunk(ModelGraph frozen, MnistDigits digits, int[] index)
    {
        var ml = new MLContext(seed: 1);
        var images = index.Select(i =>
        {
            var rgba = new byte[Side * Side * 4];
            for (int p = 0; p < Side * Side; p++)
            {
                byte v = (byte)Math.Round(255 * digits.Images[i][p]);
                (rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2], rgba[4 * p + 3]) = (v, v, v, 255);
            }
            return new DigitImage { Image = MLImage.CreateFromPixels(Side, Side, MLPixelFormat.Rgba32, rgba) };
        });
        var pipeline = ml.Transforms.ResizeImages("Resized", Size, Size, nameof(DigitImage.Image), ImageResizingEstimator.ResizingKind.Fill)
            .Append(ml.Transforms.ExtractPixels(nameof(PixelRow.Pixels), "Resized"));
        var view = ml.Data.LoadFromEnumerable(images);
        var rows = ml.Data.CreateEnumerable<PixelRow>(pipeline.Fit(view).Transform(view), reuseRowObject: false);
        int outputSize = Tensor.Product(frozen.Outputs[0].Shape);
        var outputs = new float[index.Length * outputSize];
        var batch = new List<float[]>();
        int done = 0;
        void Flush()
        {
            var features = PretrainedTransfer.Compute(frozen, [.. batch.SelectMany(b => b)], batch.Count);
            features.CopyTo(outputs, done * outputSize);
            done += batch.Count;
            batch.Clear();
            if (done % 160 == 0) SuiteReport.Progress($"few-label: trunk {done} of {index.Length}");
        }
        foreach (var row in rows)
        {
            batch.Add(row.Pixels);
            if (batch.Count == 16) Flush();
        }
        if (batch.Count > 0) Flush();
        return outputs;
    }
}

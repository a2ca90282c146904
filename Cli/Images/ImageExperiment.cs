using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Image;
using MLExt.Cli.Demo;
using MLExt.Evaluation.Metrics;
using MLExt.Neural;
using MLExt.Trainers;
using MLExt.Transforms;

namespace MLExt.Cli.Images;

/// <summary>
/// Image classification from a folder: list the files (<see cref="ImageFolder"/>), split them
/// (<c>TrainTestSplit(testFraction, seed)</c>), load, resize and extract planar pixels in [0, 1] with ML.NET's
/// ImageAnalytics, then fit and evaluate MLExt's network and ML.NET's baselines on the same pixel vectors.
/// </summary>
internal sealed class ImageExperiment
{
    private const string Label = "Label", Features = "Features";
    private readonly MLContext _ml;
    private readonly ImageRequest _request;
    private readonly IDataView _train, _test;

    /// <summary>Lists, splits and featurises the images (read once, then cached in memory).</summary>
    public ImageExperiment(ImageRequest request)
    {
        _request = request;
        _ml = new MLContext(seed: request.Settings.Seed);
        var files = ImageFolder.List(request.Folder);
        var unreadable = ImageFolder.Unreadable(files);
        if (unreadable.Count > 0 && !request.SkipBadImages)
        {
            var (first, reason) = unreadable[0];
            string others = unreadable.Count > 1 ? $" nor {unreadable.Count - 1:N0} other file(s)" : "";
            throw new UserException($"--folder: cannot read the image '{first.ImagePath}' ({reason}){others}; " +
                "remove it or add --bad-images skip to leave such files out");
        }
        Skipped = unreadable.Select(u => u.Row.ImagePath).ToList();
        files = files.Except(unreadable.Select(u => u.Row)).ToList();
        Images = files.Count;
        Classes = files.Select(f => f.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        var split = _ml.Data.TrainTestSplit(_ml.Data.LoadFromEnumerable(files), request.TestFraction, seed: request.Settings.Seed);
        var trainSet = split.TrainSet;
        if (request.LabelsPerClass > 0)
            trainSet = _ml.Data.LoadFromEnumerable(_ml.Data.CreateEnumerable<ImageFolderRow>(split.TrainSet, reuseRowObject: false)
                .GroupBy(r => r.Label).SelectMany(g => g.Take(request.LabelsPerClass)).ToList());
        var featurizer = Featurizer().Fit(trainSet);
        _train = _ml.Data.Cache(featurizer.Transform(trainSet));
        _test = _ml.Data.Cache(featurizer.Transform(split.TestSet));
        TrainRows = Count(_train);
        TestRows = Count(_test);
        if (TrainRows == 0 || TestRows == 0)
            throw new UserException($"--test-fraction {request.TestFraction} leaves {TrainRows} training and {TestRows} test images of {Images}; both need at least one");
    }

    /// <summary>Image files left out because they cannot be decoded (with <c>--bad-images skip</c>), full paths.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Image files used.</summary>
    public int Images { get; }

    /// <summary>Class names (sub-folders), sorted.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Images in the training part.</summary>
    public long TrainRows { get; }

    /// <summary>Images in the test part.</summary>
    public long TestRows { get; }

    /// <summary>Channels of the pixel vectors (1 for grayscale, 3 for colour).</summary>
    public int Channels => _request.Color || _request.Pretrained is not null ? 3 : 1;

    /// <summary>
    /// The pretrained trunk's features (computed once per image) and a new dense head, with the trunk's nodes from
    /// <see cref="ImageRequest.FineTuneFrom"/> on trained too (the part before it is computed once and cached).
    /// </summary>
    /// <exception cref="UserException">The node to fine-tune from does not exist or is not a cut point.</exception>
    public ModelScore TrainPretrained(IProgress<int>? imagesDone = null)
    {
        string? from = _request.FineTuneFrom;
        ModelGraph trunk, model;
        try
        {
            trunk = PretrainedModels.ResNet18(from is null ? null : new OnnxImportOptions { StopBefore = from });
            model = from is null ? Head() : PretrainedModels.ResNet18(new OnnxImportOptions
            {
                StartAt = from, Head = PretrainedTransfer.ClassifierHead(Classes.Count), Seed = _request.Settings.Seed,
            });
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new UserException($"--fine-tune-from: {e.Message.Replace(" (Parameter 'node')", "")}");
        }
        var (trainPixels, trainLabels) = Rows(_train);
        var (testPixels, testLabels) = Rows(_test);
        var clock = Stopwatch.StartNew();
        var cachedTrain = PretrainedTransfer.Compute(trunk, trainPixels, rowsDone: imagesDone);
        var cachedTest = PretrainedTransfer.Compute(trunk, testPixels);
        var settings = _request.Settings;
        PretrainedTransfer.Fit(model, cachedTrain, trainLabels, new TrainingOptions
        {
            NumberOfEpochs = settings.Epochs, BatchSize = settings.BatchSize, Optimizer = new AdamOptimizer { LearningRate = settings.LearningRate },
        }, settings.Seed);
        double seconds = clock.Elapsed.TotalSeconds;
        string name = $"ResNet-18 {(from is null ? "features" : $"fine-tuned from {from}")} + dense head";
        return new ModelScore(name, PretrainedTransfer.Accuracy(model, cachedTest, testLabels), double.NaN, double.NaN, seconds);

        ModelGraph Head()
        {
            var g = new GraphBuilder();
            g.Output("logits", PretrainedTransfer.ClassifierHead(Classes.Count)(g, g.Input("features", trunk.Outputs[0].Shape)));
            return g.Build(new RandomSource(_request.Settings.Seed));
        }
    }

    // The pixel rows and class indices of a featurised view.
    private static (float[] Pixels, int[] Labels) Rows(IDataView view)
    {
        var pixels = new List<float>();
        var labels = new List<int>();
        using var cursor = view.GetRowCursor(view.Schema);
        var features = cursor.GetGetter<VBuffer<float>>(view.Schema[Features]);
        var label = cursor.GetGetter<uint>(view.Schema[Label]);
        VBuffer<float> row = default;
        uint key = 0;
        while (cursor.MoveNext())
        {
            features(ref row);
            label(ref key);
            pixels.AddRange(row.DenseValues());
            labels.Add((int)key - 1);
        }
        return ([.. pixels], [.. labels]);
    }

    /// <summary>Fits MLExt's network on the training images and scores it on the test images.</summary>
    public (ModelScore Score, NeuralNetworkTransformer Model) TrainNetwork(IProgress<TrainingProgress>? progress)
    {
        var options = _request.Settings.Apply(new NeuralNetworkMulticlassTrainer.Options(), progress);
        NeuralNetworkTransformer? model = null;
        var score = Score($"MLExt {_request.Network.ToString().ToLowerInvariant()}", _ml.MulticlassClassification.Trainers.NeuralNetwork(options), m => model = m);
        return (score, model!);
    }

    /// <summary>ML.NET's LbfgsMaximumEntropy on the same pixels.</summary>
    public ModelScore TrainMaximumEntropy() => Score("ML.NET LbfgsMaximumEntropy", _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
        new LbfgsMaximumEntropyMulticlassTrainer.Options { LabelColumnName = Label, FeatureColumnName = Features }));

    /// <summary>ML.NET's LightGbm on the same pixels.</summary>
    public ModelScore TrainLightGbm() => Score("ML.NET LightGbm", _ml.MulticlassClassification.Trainers.LightGbm(
        new LightGbmMulticlassTrainer.Options { LabelColumnName = Label, FeatureColumnName = Features, Seed = _request.Settings.Seed }));

    private ModelScore Score<T>(string name, IEstimator<T> trainer, Action<T>? inspect = null) where T : class, ITransformer
    {
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(_train);
        double seconds = clock.Elapsed.TotalSeconds;
        inspect?.Invoke(model);
        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(_test), Label);
        return new ModelScore(name, metrics.MicroAccuracy, ConfusionMatrixMetrics.MacroF1(metrics.ConfusionMatrix), metrics.LogLoss, seconds);
    }

    /// <summary>Files → MLImage → resized → planar pixels [channels, size, size] in [0, 1]; class name → key.</summary>
    private IEstimator<ITransformer> Featurizer()
    {
        int size = _request.Pretrained is null ? _request.ImageSize : PretrainedModels.ResNet18ImageSize;
        var load = _ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(ImageFolderRow.ImagePath))
            .Append(_ml.Transforms.ResizeImages("Resized", size, size, "Image", ImageResizingEstimator.ResizingKind.Fill));
        // The pretrained trunk takes RGB planes in [0, 255] (its preprocessing graph subtracts the ImageNet mean image).
        var pixels = _request.Pretrained is not null ? load.Append(_ml.Transforms.ExtractPixels(Features, "Resized"))
            : _request.Color
            ? load.Append(_ml.Transforms.ExtractPixels(Features, "Resized", scaleImage: 1f / 255))
            : load.Append(_ml.Transforms.ConvertToGrayscale("Gray", "Resized"))
                .Append(_ml.Transforms.ExtractPixels(Features, "Gray", ImagePixelExtractingEstimator.ColorBits.Red, scaleImage: 1f / 255));
        return pixels
            .Append(_ml.Transforms.Conversion.MapValueToKey(Label, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Append(_ml.Transforms.SelectColumns(Label, Features));
    }

    private static long Count(IDataView view)
    {
        long rows = 0;
        using var cursor = view.GetRowCursor([]);
        while (cursor.MoveNext()) rows++;
        return rows;
    }
}

using System.Diagnostics;
using Microsoft.ML;
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
        var featurizer = Featurizer().Fit(split.TrainSet);
        _train = _ml.Data.Cache(featurizer.Transform(split.TrainSet));
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
    public int Channels => _request.Color ? 3 : 1;

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
        int size = _request.ImageSize;
        var load = _ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(ImageFolderRow.ImagePath))
            .Append(_ml.Transforms.ResizeImages("Resized", size, size, "Image", ImageResizingEstimator.ResizingKind.Fill));
        var pixels = _request.Color
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

using MLExt.Neural;
using MLExt.Trainers;
using MLExt.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MLExt.Samples.ImageClassification;

/// <summary>The sample as a callable method, so the test suite runs exactly what users read.</summary>
public static class ImageFolderSample
{
    /// <summary>
    /// Trains a small convolutional network on a folder with one sub-folder of images per class and returns its
    /// metrics on a held-out 20% split: images are loaded and resized with ML.NET's ImageAnalytics, the training
    /// images get <paramref name="augmentedCopies"/> augmented copies each, and the pixels go to MLExt's trainer as
    /// [channels, height, width] (the shape ExtractPixels gives).
    /// </summary>
    public static MulticlassClassificationMetrics Run(string folder, int imageSize = 28, bool grayscale = true, int epochs = 10,
        int augmentedCopies = 1, Action<string>? log = null)
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(ImageFolder.Load(ml, folder), testFraction: 0.2, seed: 1);

        // Files → MLImage; the augmentation data operation works on those images, before resizing.
        var load = ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(ImageFolderRow.ImagePath)).Fit(split.TrainSet);
        var training = load.Transform(split.TrainSet);
        if (augmentedCopies > 0)
            training = ml.Data.AugmentImages(training, "Image", new ImageAugmentationOptions
            {
                CopiesPerImage = augmentedCopies, HorizontalFlip = false, MaxRotationDegrees = 10, MaxTranslationFraction = 0.08f, Seed = 1,
            });

        // MLImage → [channels, imageSize, imageSize] floats in [0, 1] → the network.
        var pixels = ml.Transforms.ResizeImages("Resized", imageSize, imageSize, "Image", ImageResizingEstimator.ResizingKind.Fill);
        var features = grayscale
            ? pixels.Append(ml.Transforms.ConvertToGrayscale("Gray", "Resized"))
                .Append(ml.Transforms.ExtractPixels("Features", "Gray", ImagePixelExtractingEstimator.ColorBits.Red, scaleImage: 1f / 255))
            : pixels.Append(ml.Transforms.ExtractPixels("Features", "Resized", scaleImage: 1f / 255));
        var trainer = ml.MulticlassClassification.Trainers.NeuralNetwork(new NeuralNetworkMulticlassTrainer.Options
        {
            Layers =
            {
                Layer.Conv2D(16, 3, padding: Padding.Same, activation: Activation.Relu),
                Layer.MaxPool2D(2),
                Layer.Conv2D(32, 3, padding: Padding.Same, activation: Activation.Relu),
                Layer.MaxPool2D(2),
                Layer.Dense(64, Activation.Relu),
            },
            Optimizer = new AdamOptimizer { LearningRate = 2e-3f },
            NumberOfEpochs = epochs,
            BatchSize = 32,
            Seed = 1,
            Progress = log is null ? null : new Progress<TrainingProgress>(p =>
            {
                if (p.EpochCompleted) log($"epoch {p.Epoch}/{p.NumberOfEpochs}: loss {p.TrainingLoss:F4}");
            }),
        });
        var model = features.Append(ml.Transforms.Conversion.MapValueToKey("Label")).Append(trainer).Fit(training);

        var predictions = model.Transform(load.Transform(split.TestSet));
        return ml.MulticlassClassification.Evaluate(predictions);
    }
}

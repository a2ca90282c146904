using MLExt.Data;
using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MLExt.Tests.Trainers;

/// <summary>The trainers take image-shaped features: a shape from the options or from the feature column's dimensions.</summary>
public sealed class ImageFeatureTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static NeuralNetworkMulticlassTrainer.Options SmallCnn(int epochs = 3) => new()
    {
        InputShape = [1, 28, 28],
        Layers = { Layer.Conv2D(8, 3, activation: Activation.Relu), Layer.MaxPool2D(2) },
        NumberOfEpochs = epochs,
        BatchSize = 32,
        Optimizer = new AdamOptimizer { LearningRate = 3e-3f },
        Seed = 3,
    };

    private (IDataView Train, IDataView Test) Digits(int train, int test)
    {
        var (all, _) = MnistDigits.Load().Split();
        var rows = Enumerable.Range(0, train + test).Select(i => new MnistRow { Label = all.Labels[i], Features = all.Images[i] }).ToArray();
        var key = _ml.Transforms.Conversion.MapValueToKey("Label");
        var data = key.Fit(_ml.Data.LoadFromEnumerable(rows)).Transform(_ml.Data.LoadFromEnumerable(rows));
        return (_ml.Data.TakeRows(data, train), _ml.Data.SkipRows(data, train));
    }

    [Fact]
    public void ConvolutionalNetworkLearnsDigitsFromPixelVectorsAndTheOptionsShape()
    {
        var (train, test) = Digits(1500, 500);
        var model = _ml.MulticlassClassification.Trainers.NeuralNetwork(SmallCnn()).Fit(train);

        Assert.Equal([1, 28, 28], model.Network.InputShape);
        Assert.Equal(["Conv2D", "MaxPool2D", "Flatten", "Dense"], model.Network.Layers.Select(l => l.TypeName));
        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.MicroAccuracy > 0.85, $"test accuracy {metrics.MicroAccuracy:P1} after 3 epochs on 1,500 digits");
    }

    [Fact]
    public void WrongInputShapeFailsAtFitWithBothSizes()
    {
        var (train, _) = Digits(50, 0);
        var options = SmallCnn();
        options.InputShape = [1, 28, 27];
        var error = Assert.Throws<ArgumentException>(() => _ml.MulticlassClassification.Trainers.NeuralNetwork(options).Fit(train));
        Assert.Equal(nameof(NeuralNetworkOptions.InputShape), error.ParamName);
        Assert.Contains("[1, 28, 27]", error.Message);
        Assert.Contains("756", error.Message);
        Assert.Contains("784", error.Message);
        Assert.Contains("'Features'", error.Message);
    }

    [Theory]
    [InlineData(new[] { 1, 0, 784 })]
    [InlineData(new int[0])]
    public void NonPositiveOrEmptyInputShapeIsRejected(int[] shape)
    {
        var (train, _) = Digits(50, 0);
        var options = SmallCnn();
        options.InputShape = shape;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.Trainers.NeuralNetwork(options).Fit(train));
        Assert.Equal(nameof(NeuralNetworkOptions.InputShape), error.ParamName);
    }

    [Fact]
    public void ConvolutionOnFlatFeaturesSaysHowToGiveTheShape()
    {
        var (train, _) = Digits(50, 0);
        var options = SmallCnn();
        options.InputShape = null;
        var error = Assert.ThrowsAny<ArgumentException>(() => _ml.MulticlassClassification.Trainers.NeuralNetwork(options).Fit(train));
        Assert.Contains("[784]", error.Message);
        Assert.Contains("InputShape", error.Message);
    }

    private sealed class PictureRow
    {
        [ImageType(2, 3)]
        public MLImage Image { get; set; } = null!;

        public bool Label { get; set; }
    }

    /// <summary>A 3-wide, 2-high RGBA picture whose pixel (h, w) is red 10h + w, green 100 + that, blue 200 + that.</summary>
    private static MLImage Picture()
    {
        var bytes = new byte[2 * 3 * 4];
        for (int h = 0; h < 2; h++)
            for (int w = 0; w < 3; w++)
            {
                int p = (h * 3 + w) * 4, v = 10 * h + w;
                (bytes[p], bytes[p + 1], bytes[p + 2], bytes[p + 3]) = ((byte)v, (byte)(100 + v), (byte)(200 + v), 255);
            }
        return MLImage.CreateFromPixels(3, 2, MLPixelFormat.Rgba32, bytes);
    }

    [Fact]
    public void ExtractPixelsGivesPlanarChannelsHeightWidthThatTheTrainerTakesAsIs()
    {
        // ExtractPixels disposes the images it reads, so every pass enumerates fresh ones.
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 6).Select(i => new PictureRow { Image = Picture(), Label = i % 2 == 0 }));
        var planar = _ml.Transforms.ExtractPixels("Features", "Image").Fit(data).Transform(data);
        var type = (VectorDataViewType)planar.Schema["Features"].Type;
        Assert.Equal([3, 2, 3], type.Dimensions.ToArray());
        // Red plane, then green, then blue; each row-major.
        Assert.Equal([0f, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112, 200, 201, 202, 210, 211, 212], planar.GetColumn<float[]>("Features").First());

        var options = new NeuralNetworkBinaryTrainer.Options { Layers = { Layer.Conv2D(2, 2) }, NumberOfEpochs = 1 };
        var model = _ml.BinaryClassification.Trainers.NeuralNetwork(options).Fit(planar);
        Assert.Equal([3, 2, 3], model.Network.InputShape);

        var interleaved = _ml.Transforms.ExtractPixels("Features", "Image", interleavePixelColors: true).Fit(data).Transform(data);
        Assert.Equal([2, 3, 3], ((VectorDataViewType)interleaved.Schema["Features"].Type).Dimensions.ToArray()); // [height, width, colors]
    }

    private sealed class TinyImage
    {
        [VectorType(2, 3, 3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class InterleavedImage
    {
        [VectorType(6, 6, 3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private IDataView TinyImages(int count)
    {
        var random = new RandomSource(5);
        var rows = Enumerable.Range(0, count).Select(i => new TinyImage
        {
            Label = i % 2 == 0,
            Features = Enumerable.Range(0, 18).Select(j => random.NextGaussian() + (i % 2 == 0 && j < 9 ? 1.5f : 0f)).ToArray(),
        });
        return _ml.Data.LoadFromEnumerable(rows);
    }

    [Fact]
    public void ThreeDimensionalFeatureColumnsAreTakenAsChannelsHeightWidth()
    {
        var options = new NeuralNetworkBinaryTrainer.Options
        {
            Layers = { Layer.Conv2D(4, 2, activation: Activation.Relu), Layer.GlobalAveragePool2D() },
            NumberOfEpochs = 2,
            Seed = 1,
        };
        var model = _ml.BinaryClassification.Trainers.NeuralNetwork(options).Fit(TinyImages(40));
        Assert.Equal([2, 3, 3], model.Network.InputShape);
        Assert.Equal(["Conv2D", "GlobalAveragePool2D", "Dense"], model.Network.Layers.Select(l => l.TypeName));
    }

    [Fact]
    public void DenseNetworksOnImageColumnsGetAFlattenFirst()
    {
        var options = new NeuralNetworkBinaryTrainer.Options { Layers = { Layer.Dense(4, Activation.Relu) }, NumberOfEpochs = 2, Seed = 1 };
        var model = _ml.BinaryClassification.Trainers.NeuralNetwork(options).Fit(TinyImages(40));
        Assert.Equal(["Flatten", "Dense", "Dense"], model.Network.Layers.Select(l => l.TypeName));
        var scored = model.Transform(TinyImages(10)).GetColumn<float>("Probability").ToArray();
        Assert.Equal(10, scored.Length);
    }

    [Fact]
    public void InterleavedPixelsAreRejectedWithTheFix()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new InterleavedImage { Label = i % 2 == 0, Features = new float[108] });
        var options = new NeuralNetworkBinaryTrainer.Options { Layers = { Layer.Conv2D(2, 3) }, NumberOfEpochs = 1 };
        var error = Assert.Throws<ArgumentException>(() => _ml.BinaryClassification.Trainers.NeuralNetwork(options).Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("[6, 6, 3]", error.Message);
        Assert.Contains("interleavePixelColors", error.Message);

        options.InputShape = [3, 6, 6];
        var model = _ml.BinaryClassification.Trainers.NeuralNetwork(options).Fit(_ml.Data.LoadFromEnumerable(rows));
        Assert.Equal([3, 6, 6], model.Network.InputShape);
    }
}

using MLExt.LoadCheck;
using MLExt.Neural;
using MLExt.Tests.Trainers;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Persistence;

/// <summary>
/// Save with mlContext.Model.Save, load in a separate process whose only MLExt call is registering the
/// assembly, and compare what a user sees: columns (types, slot names, key values), predictions and metrics.
/// </summary>
public sealed class SaveLoadTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-saveload-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Hidden layers using every activation and a dropout, behind a built-in normaliser.</summary>
    private static void Layers(NeuralNetworkOptions options)
    {
        options.Layers = [Layer.Dense(12, Activation.Gelu), Layer.Dropout(0.1f), Layer.Dense(10, Activation.Elu),
            Layer.Activate(Activation.LeakyRelu, 0.2f), Layer.Dense(8, Activation.Tanh), Layer.Dense(8, Activation.Sigmoid), Layer.Dense(8, Activation.Relu)];
        options.NumberOfEpochs = 8;
    }

    /// <summary>The four features as a 1×2×2 image through convolution, batch norm and pooling (the trainer adds Flatten).</summary>
    private static void ImageLayers(NeuralNetworkOptions options)
    {
        options.InputShape = [1, 2, 2];
        options.Layers = [Layer.Conv2D(6, 2, padding: Padding.Same, activation: Activation.Relu), Layer.BatchNormalization(), Layer.MaxPool2D(2), Layer.Dense(8, Activation.Relu)];
        options.NumberOfEpochs = 8;
    }

    public static TheoryData<string> Tasks => new() { "multiclass", "binary", "regression", "image" };

    private static (IDataView Train, IDataView Test, IEstimator<ITransformer> Trainer) Setup(MLContext ml, string task) => task switch
    {
        "multiclass" => (SyntheticData.Multiclass(ml, 300, 1), SyntheticData.Multiclass(ml, 120, 2), TrainerFactory.Multiclass(ml, Layers)),
        "binary" => (SyntheticData.Binary(ml, 300, 1), SyntheticData.Binary(ml, 120, 2), TrainerFactory.Binary(ml, Layers)),
        "regression" => (SyntheticData.Regression(ml, 300, 1), SyntheticData.Regression(ml, 120, 2), TrainerFactory.Regression(ml, Layers)),
        "image" => (SyntheticData.Multiclass(ml, 300, 1), SyntheticData.Multiclass(ml, 120, 2), TrainerFactory.Multiclass(ml, ImageLayers)),
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void LoadedInAnotherProcessTheModelScoresLikeTheTrainedOne(string name)
    {
        var ml = new MLContext(seed: 1);
        var (train, test, trainer) = Setup(ml, name);
        string task = name == "image" ? "multiclass" : name;
        var model = ml.Transforms.NormalizeMinMax("Features").Append(trainer).Fit(train);
        string modelPath = Path.Combine(_directory, name + ".zip"), dataPath = Path.Combine(_directory, name + ".idv");
        ml.Model.Save(model, train.Schema, modelPath);
        using (var stream = File.Create(dataPath)) ml.Data.SaveAsBinary(test, stream);

        var loaded = LoadCheckProcess.Run(modelPath, dataPath, task);
        var trained = ScoredReport.Create(ml, model.Transform(test), task);

        Assert.Equal(trained.Columns.Select(c => c.ToString()), loaded.Columns.Select(c => c.ToString()));
        Assert.Equal(trained.Values.Keys.Order(), loaded.Values.Keys.Order());
        foreach (var (column, expected) in trained.Values)
        {
            var actual = loaded.Values[column];
            Assert.Equal(expected.Count, actual.Count);
            if (column == "PredictedLabel") Assert.Equal(expected, actual);
            else AssertClose(expected, actual, $"{task} {column}");
        }
        Assert.Equal(trained.Metrics.Keys.Order(), loaded.Metrics.Keys.Order());
        foreach (var (metric, value) in trained.Metrics)
            Assert.True(Math.Abs(value - loaded.Metrics[metric]) <= Tolerance * Math.Max(1, Math.Abs(value)),
                $"{task} {metric}: loaded {loaded.Metrics[metric]:R}, trained {value:R}.");
    }

    [Fact]
    public void MulticlassColumnsKeepSlotNamesAndKeyValues()
    {
        var ml = new MLContext(seed: 1);
        var (train, test, trainer) = Setup(ml, "multiclass");
        var model = trainer.Fit(train);
        string modelPath = Path.Combine(_directory, "m.zip");
        ml.Model.Save(model, train.Schema, modelPath);
        var loaded = new MLContext(seed: 2).RegisterMLExt().Model.Load(modelPath, out _);
        var scored = loaded.Transform(test);
        var columns = scored.Schema.Where(c => !c.IsHidden).Select(ColumnReport.Describe).ToDictionary(c => c.Name);
        Assert.Equal("Vector<Single, 3>", columns["Score"].Type);
        Assert.Equal("Vector<String, 3>: a|b|c", columns["Score"].SlotNames);
        Assert.Equal("Key<UInt32, 0-2>", columns["PredictedLabel"].Type);
        Assert.Equal("Vector<String, 3>: a|b|c", columns["PredictedLabel"].KeyValues);
        // Mapping the predicted key back to its value works as on any ML.NET classifier.
        var values = ml.Transforms.Conversion.MapKeyToValue("Predicted", "PredictedLabel").Fit(scored).Transform(scored);
        var predicted = values.GetColumn<ReadOnlyMemory<char>>("Predicted").Select(v => v.ToString()).ToList();
        var truth = values.GetColumn<string>(nameof(SyntheticData.Row.Class)).ToList();
        Assert.True(predicted.Zip(truth).Count(p => p.First == p.Second) > 0.9 * truth.Count);
    }

    /// <summary>Saves <paramref name="model"/>, loads it in this process, and returns both scored views of <paramref name="data"/>.</summary>
    private (IDataView Trained, IDataView Loaded) RoundTrip(MLContext ml, ITransformer model, IDataView data, string name)
    {
        string path = Path.Combine(_directory, name + ".zip");
        ml.Model.Save(model, data.Schema, path);
        var loaded = new MLContext(seed: 3).RegisterMLExt().Model.Load(path, out _);
        return (model.Transform(data), loaded.Transform(data));
    }

    [Fact]
    public void NumericKeyValuesKeepTheirTypeAndOrder()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticData.Load(ml, 240, 1);
        // Classes a, b, c as the numbers 30, 10, 20: key 1 ↔ 30, key 2 ↔ 10, key 3 ↔ 20 (order of appearance).
        var data = ml.Transforms.Conversion.MapValue("ClassNumber",
                new[] { new KeyValuePair<string, uint>("a", 30), new("b", 10), new("c", 20) }, nameof(SyntheticData.Row.Class))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "ClassNumber"))
            .Fit(rows).Transform(rows);
        var model = TrainerFactory.Multiclass(ml, o => o.NumberOfEpochs = 3).Fit(data);
        var (trained, loaded) = RoundTrip(ml, model, data, "numeric-keys");
        var expected = ColumnReport.Describe(trained.Schema["PredictedLabel"]);
        Assert.Equal("Vector<UInt32, 3>: 30|10|20", expected.KeyValues);
        Assert.Equal(expected.ToString(), ColumnReport.Describe(loaded.Schema["PredictedLabel"]).ToString());
        Assert.Equal(trained.GetColumn<uint>("PredictedLabel"), loaded.GetColumn<uint>("PredictedLabel"));
        Assert.Equal(ColumnReport.Describe(trained.Schema["Score"]).ToString(), ColumnReport.Describe(loaded.Schema["Score"]).ToString());
    }

    private sealed class KeyRow
    {
        [VectorType(SyntheticData.FeatureCount)]
        public float[] Features { get; set; } = [];

        [KeyType(3)]
        public uint Label { get; set; }
    }

    [Fact]
    public void AKeyLabelWithoutKeyValuesPredictsTheSameKeys()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(SyntheticData.Rows(240, 1).Select((r, i) => new KeyRow { Features = r.Features, Label = (uint)(i % 3) }).ToList());
        var model = TrainerFactory.Multiclass(ml, o => o.NumberOfEpochs = 3).Fit(data);
        var (trained, loaded) = RoundTrip(ml, model, data, "bare-keys");
        Assert.Equal(trained.Schema["PredictedLabel"].Type, loaded.Schema["PredictedLabel"].Type);
        Assert.Null(ColumnReport.Describe(trained.Schema["PredictedLabel"]).KeyValues);
        // ML.NET's value mapping lists the keys' numbers as their values; the keys themselves are the trained ones.
        Assert.Equal("Vector<String, 3>: 1|2|3", ColumnReport.Describe(loaded.Schema["PredictedLabel"]).KeyValues);
        Assert.Equal(trained.GetColumn<uint>("PredictedLabel"), loaded.GetColumn<uint>("PredictedLabel"));
    }

    private sealed class Features
    {
        [VectorType(SyntheticData.FeatureCount)]
        public float[] Values { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void APredictionEngineOnTheLoadedModelGivesTheTrainedPredictions()
    {
        var ml = new MLContext(seed: 1);
        var (train, _, trainer) = Setup(ml, "binary");
        var model = ml.Transforms.CopyColumns("Features", "Values").Append(trainer).Fit(
            ml.Transforms.CopyColumns("Values", "Features").Fit(train).Transform(train));
        string modelPath = Path.Combine(_directory, "b.zip");
        var schema = ml.Data.LoadFromEnumerable(new List<Features>()).Schema;
        ml.Model.Save(model, schema, modelPath);
        var loaded = new MLContext().RegisterMLExt().Model.Load(modelPath, out var inputSchema);
        Assert.Equal("Values", Assert.Single(inputSchema).Name);

        var trainedEngine = ml.Model.CreatePredictionEngine<Features, Prediction>(model);
        var loadedEngine = ml.Model.CreatePredictionEngine<Features, Prediction>(loaded);
        foreach (var row in SyntheticData.Rows(20, 5))
        {
            var input = new Features { Values = row.Features };
            var expected = trainedEngine.Predict(input);
            var actual = loadedEngine.Predict(input);
            Assert.Equal(expected.PredictedLabel, actual.PredictedLabel);
            Assert.Equal(expected.Score, actual.Score, Tolerance * Math.Max(1, Math.Abs(expected.Score)));
            Assert.Equal(expected.Probability, actual.Probability, Tolerance);
        }
    }

    private static void AssertClose(List<double> expected, List<double> actual, string what)
    {
        double scale = Math.Max(1e-6, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(Math.Abs(expected[i]), scale),
                $"{what} value {i}: loaded {actual[i]:R}, trained {expected[i]:R}.");
    }
}

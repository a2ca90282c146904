using System.Text.Json;
using MLExt.Neural;
using MLExt.Trainers;
using MLExt.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

// Usage: dotnet run -c Release --project tools/mlnet5-fixture -- OUTPUT_FOLDER
// Trains two small models with the ML.NET version the build references, saves them with mlContext.Model.Save and
// records the inputs and the scores the trained models give, for the test that loads them with a later ML.NET.
string folder = args.Length == 1 ? args[0] : throw new ArgumentException("usage: MakeFixture OUTPUT_FOLDER");
Directory.CreateDirectory(folder);
var ml = new MLContext(seed: 1);
var json = new JsonSerializerOptions { WriteIndented = true };

// 1. Multiclass: min-max normaliser + MLExt network (dense layers) on three Gaussian blobs in four dimensions.
var random = new RandomSource(5);
List<BlobRow> Blobs(int count) => [.. Enumerable.Range(0, count).Select(i =>
{
    int c = i % 3;
    var x = new float[4];
    for (int j = 0; j < 4; j++) x[j] = random.NextGaussian() * 0.9f + (j == c ? 2.5f : 0f);
    return new BlobRow { Features = x, Class = ((char)('a' + c)).ToString() };
})];
var blobTrain = ml.Data.LoadFromEnumerable(Blobs(240));
var blobTest = Blobs(30);
var multiclass = ml.Transforms.Conversion.MapValueToKey("Label", nameof(BlobRow.Class))
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.MulticlassClassification.Trainers.NeuralNetwork(new NeuralNetworkMulticlassTrainer.Options
    {
        Layers = [Layer.Dense(8, Activation.Relu), Layer.Dense(6, Activation.Tanh)],
        NumberOfEpochs = 10, BatchSize = 16, Seed = 3,
    }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel"))
    .Fit(blobTrain);
ml.Model.Save(multiclass, blobTrain.Schema, Path.Combine(folder, "multiclass-network.zip"));
var blobScored = ml.Data.CreateEnumerable<BlobScored>(multiclass.Transform(ml.Data.LoadFromEnumerable(blobTest)), reuseRowObject: false).ToList();
File.WriteAllText(Path.Combine(folder, "multiclass-network.expected.json"), JsonSerializer.Serialize(
    blobTest.Zip(blobScored, (row, s) => new { row.Features, s.Score, s.PredictedClass }), json));

// 2. Binary text: TokenizeToIds (vocabulary saved in the zip) + embedding + LSTM network.
string[] good = ["meeting", "report", "lunch", "project", "draft", "review", "team", "notes", "agenda", "thanks"];
string[] bad = ["winner", "prize", "free", "cash", "offer", "click", "urgent", "credit", "bonus", "claim"];
string[] common = ["the", "a", "your", "for", "today", "now", "please", "see", "our", "new"];
var textRandom = new RandomSource(11);
List<TextRow> Texts(int count) => [.. Enumerable.Range(0, count).Select(i =>
{
    bool spam = i % 2 == 1;
    var words = Enumerable.Range(0, 4 + textRandom.NextInt(8)).Select(_ => textRandom.NextFloat() < 0.5f
        ? common[textRandom.NextInt(common.Length)]
        : (spam == textRandom.NextFloat() < 0.85f ? bad : good)[textRandom.NextInt(10)]);
    return new TextRow { Text = string.Join(' ', words), Label = spam };
})];
var textTrain = ml.Data.LoadFromEnumerable(Texts(300));
var textTest = Texts(30);
textTest.Add(new TextRow { Text = "Unseen WORDS, here: zebra!", Label = false });
var text = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 12, maximumVocabularySize: 40)
    .Append(ml.BinaryClassification.Trainers.NeuralNetwork(new NeuralNetworkBinaryTrainer.Options
    {
        FeatureColumnName = "Tokens", Layers = [Layer.Embedding(40, 6, paddingIndex: 0), Layer.Lstm(6)],
        NumberOfEpochs = 4, Seed = 3, GradientClipNorm = 5,
    }))
    .Fit(textTrain);
ml.Model.Save(text, textTrain.Schema, Path.Combine(folder, "text-tokenids-lstm.zip"));
var textScored = ml.Data.CreateEnumerable<TextScored>(text.Transform(ml.Data.LoadFromEnumerable(textTest)), reuseRowObject: false).ToList();
File.WriteAllText(Path.Combine(folder, "text-tokenids-lstm.expected.json"), JsonSerializer.Serialize(
    textTest.Zip(textScored, (row, s) => new { row.Text, s.Tokens, s.Score, s.Probability, s.PredictedLabel }), json));
Console.WriteLine($"Saved with ML.NET {typeof(MLContext).Assembly.GetName().Version} to {folder}");

internal sealed class BlobRow
{
    [VectorType(4)] public float[] Features { get; set; } = [];
    public string Class { get; set; } = "";
}

internal sealed class BlobScored
{
    public float[] Score { get; set; } = [];
    public string PredictedClass { get; set; } = "";
}

internal sealed class TextRow
{
    public string Text { get; set; } = "";
    public bool Label { get; set; }
}

internal sealed class TextScored
{
    public float[] Tokens { get; set; } = [];
    public float Score { get; set; }
    public float Probability { get; set; }
    public bool PredictedLabel { get; set; }
}

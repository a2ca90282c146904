using MLExt.Data;
using MLExt.LoadCheck;
using MLExt.Neural;
using MLExt.Tests.Persistence;
using MLExt.Trainers;
using MLExt.Transforms;
using Microsoft.ML;

namespace MLExt.Tests.Text;

/// <summary>
/// Text → token ids → embedding → sequence layers → binary head, saved with mlContext.Model.Save and loaded in a
/// separate process that only registers MLExt's assemblies: the vocabulary travels in the zip, the network as ONNX, and a
/// subword tokenizer by name (recreated from its data package).
/// </summary>
public sealed class TextModelSaveLoadTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-text-saveload-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, TokenizerKind> Networks => new()
    {
        { "lstm", TokenizerKind.Words }, { "transformer", TokenizerKind.Words }, { "lstm", TokenizerKind.O200k },
    };

    private static List<Layer> Layers(string network, int vocabulary, int length) => network switch
    {
        "lstm" => [Layer.Embedding(vocabulary, 8, paddingIndex: 0), Layer.Lstm(8)],
        _ => [Layer.Embedding(vocabulary, 8, paddingIndex: 0), Layer.SinusoidalPositionalEncoding(length), Layer.TransformerEncoder(8, 2, 16), Layer.TemporalMeanPooling()],
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void LoadedInAnotherProcessTheTextModelScoresLikeTheTrainedOne(string network, TokenizerKind tokenizer)
    {
        var ml = new MLContext(seed: 1);
        var mails = SpamMails.Load();
        var train = SpamMails.ToDataView(ml, SpamMails.Subset(mails.Train, 0.03, 1));
        var test = SpamMails.ToDataView(ml, SpamMails.Subset(mails.Test, 0.05, 1));
        const int length = 24, vocabulary = 300;
        var options = new NeuralNetworkBinaryTrainer.Options
        {
            FeatureColumnName = "Tokens", Layers = Layers(network, vocabulary, length), NumberOfEpochs = 2, Seed = 3, GradientClipNorm = 5,
        };
        var model = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: length, maximumVocabularySize: vocabulary, tokenizer: tokenizer)
            .Append(ml.BinaryClassification.Trainers.NeuralNetwork(options)).Fit(train);
        string name = $"{network}-{tokenizer}";
        string modelPath = Path.Combine(_directory, name + ".zip"), dataPath = Path.Combine(_directory, name + ".idv");
        ml.Model.Save(model, train.Schema, modelPath);
        using (var stream = File.Create(dataPath)) ml.Data.SaveAsBinary(test, stream);

        var loaded = LoadCheckProcess.Run(modelPath, dataPath, "binary");
        var trained = ScoredReport.Create(ml, model.Transform(test), "binary");

        Assert.Equal(trained.Values.Keys.Order(), loaded.Values.Keys.Order());
        Assert.Equal(trained.Values["PredictedLabel"], loaded.Values["PredictedLabel"]);
        foreach (var column in new[] { "Score", "Probability" })
        {
            var (expected, actual) = (trained.Values[column], loaded.Values[column]);
            Assert.Equal(expected.Count, actual.Count);
            Assert.True(expected.Distinct().Count() > 1, $"{column}: every mail got the same value, which would hide a padding or mask error.");
            for (int i = 0; i < expected.Count; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])), $"{name} {column}[{i}]: loaded {actual[i]:R}, trained {expected[i]:R}.");
        }
    }
}

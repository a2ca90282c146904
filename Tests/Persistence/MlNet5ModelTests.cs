using System.Text.Json;
using MLExt.Trainers;
using MLExt.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Persistence;

/// <summary>
/// Models saved by MLExt with ML.NET 5.0.1 (Tests/Fixtures/MlNet5, made by tools/mlnet5-fixture) load with the ML.NET
/// this build references and score like the model did when it was saved.
/// </summary>
public sealed class MlNet5ModelTests
{
    private const double Tolerance = 1e-5;
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "MlNet5");

    [Fact]
    public void TheFixturesWereSavedByMlNet5()
    {
        foreach (var name in new[] { "multiclass-network.zip", "text-tokenids-lstm.zip" })
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(Folder, name));
            using var reader = new StreamReader(zip.GetEntry("TrainingInfo/Version.txt")!.Open());
            Assert.StartsWith("5.0.1+", reader.ReadToEnd());
        }
    }

    [Fact]
    public void AMulticlassNetworkSavedWithMlNet5ScoresAsRecorded()
    {
        var ml = new MLContext(seed: 0).RegisterMLExt();
        var model = ml.Model.Load(Path.Combine(Folder, "multiclass-network.zip"), out var schema);
        var expected = Read<BlobExpected>("multiclass-network.expected.json");
        Assert.Equal(30, expected.Count);
        // The saved chain starts with the label's MapValueToKey, so the input needs a Class column; scoring ignores it.
        var rows = ml.Data.LoadFromEnumerable(expected.Select(e => new BlobRow { Features = e.Features, Class = "a" }));
        var scored = ml.Data.CreateEnumerable<BlobScored>(model.Transform(rows), reuseRowObject: false).ToList();

        Assert.Equal(expected.Select(e => e.PredictedClass), scored.Select(s => s.PredictedClass));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(3, scored[i].Score.Length);
            for (int c = 0; c < 3; c++) AssertClose(expected[i].Score[c], scored[i].Score[c], $"row {i} Score[{c}]");
        }
        Assert.Equal(["a", "b", "c"], expected.Select(e => e.PredictedClass).Distinct().Order());
        Assert.NotNull(schema.GetColumnOrNull("Class"));
    }

    [Fact]
    public void ATokenizeToIdsTextNetworkSavedWithMlNet5ScoresAsRecorded()
    {
        var ml = new MLContext(seed: 0).RegisterMLExt().RegisterMLExtTransforms();
        var model = ml.Model.Load(Path.Combine(Folder, "text-tokenids-lstm.zip"), out _);
        var expected = Read<TextExpected>("text-tokenids-lstm.expected.json");
        var rows = ml.Data.LoadFromEnumerable(expected.Select(e => new TextRow { Text = e.Text }));
        var scored = ml.Data.CreateEnumerable<TextScored>(model.Transform(rows), reuseRowObject: false).ToList();

        Assert.Equal(expected.Count, scored.Count);
        Assert.True(expected.Select(e => e.Score).Distinct().Count() > 10, "The recorded scores should differ between texts.");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Tokens, scored[i].Tokens);
            Assert.Equal(expected[i].PredictedLabel, scored[i].PredictedLabel);
            AssertClose(expected[i].Score, scored[i].Score, $"row {i} Score");
            AssertClose(expected[i].Probability, scored[i].Probability, $"row {i} Probability");
        }
        // The last text has no word of the vocabulary: out-of-vocabulary ids (1), then padding (0).
        Assert.Equal([1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], scored[^1].Tokens);
    }

    private static List<T> Read<T>(string name) =>
        JsonSerializer.Deserialize<List<T>>(File.ReadAllText(Path.Combine(Folder, name)))!;

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: loaded {actual:R}, recorded {expected:R}.");

    public sealed class BlobExpected
    {
        public float[] Features { get; set; } = [];
        public float[] Score { get; set; } = [];
        public string PredictedClass { get; set; } = "";
    }

    public sealed class TextExpected
    {
        public string Text { get; set; } = "";
        public float[] Tokens { get; set; } = [];
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private sealed class BlobRow
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public string Class { get; set; } = "";
    }

    private sealed class BlobScored
    {
        public float[] Score { get; set; } = [];
        public string PredictedClass { get; set; } = "";
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private sealed class TextScored
    {
        public float[] Tokens { get; set; } = [];
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }
}

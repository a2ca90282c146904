using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Neural.Onnx.Proto;
using MLExt.Trainers;

namespace MLExt.Tests.Cli;

/// <summary><c>mlext train --save</c>, <c>mlext predict</c> and <c>mlext export</c>.</summary>
public class PersistenceCommandTests(CsvFixture files) : IClassFixture<CsvFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Train(string data, string label, string task, string name)
    {
        string model = _folder.PathOf(name);
        var run = CliRun.Of("train", "--data", data, "--label", label, "--task", task, "--epochs", "30", "--layers", "16", "--batch-size", "16", "--save", model);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"Saved: {model}", run.Stdout);
        return model;
    }

    private static List<string[]> Csv(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split(',')).ToList();

    [Fact]
    public void ABinaryModelPredictsItsFileWithClassNamesAndTheModelsProbabilities()
    {
        string model = Train(files.Binary, "label", "binary", "binary.zip");
        string predictions = _folder.PathOf("predictions.csv");
        var run = CliRun.Of("predict", "--model", model, "--data", files.Binary, "--output", predictions);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Predicted 150 rows", run.Stdout);

        var rows = Csv(File.ReadAllText(predictions));
        Assert.Equal(["PredictedLabel", "Probability", "Score"], rows[0]);
        Assert.Equal(150, rows.Count - 1);
        var truth = Csv(File.ReadAllText(files.Binary)).Skip(1).Select(r => r[3]).ToList();
        Assert.All(rows.Skip(1), r => Assert.Contains(r[0], new[] { "yes", "no" }));
        double accuracy = rows.Skip(1).Zip(truth).Count(p => p.First[0] == p.Second) / 150.0;
        // Well above chance, and far from the 1 − accuracy a swapped class mapping would give.
        Assert.True(accuracy > 0.7, $"accuracy {accuracy} on the training file");
        // The class follows the probability, which is the sigmoid of the score.
        foreach (var r in rows.Skip(1))
        {
            double probability = double.Parse(r[1], CultureInfo.InvariantCulture), score = double.Parse(r[2], CultureInfo.InvariantCulture);
            Assert.Equal(1 / (1 + Math.Exp(-score)), probability, 5);
            Assert.Equal(score > 0 ? "yes" : "no", r[0]);
        }
    }

    [Fact]
    public void PredictNeedsNoLabelColumnAndWritesToStdoutWithoutOutput()
    {
        string model = Train(files.Multiclass, "species", "multiclass", "multiclass.zip");
        var lines = File.ReadAllLines(files.Multiclass);
        string withoutLabel = _folder.Write("no-label.tsv", string.Join('\n', lines.Take(11).Select(l => string.Join('\t', l.Split('\t')[..3]))) + "\n");
        var run = CliRun.Of("predict", "--model", model, "--data", withoutLabel);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var rows = Csv(run.Stdout);
        Assert.Equal(["PredictedLabel", "Score[setosa]", "Score[versicolor]", "Score[virginica]"], rows[0]);
        Assert.Equal(10, rows.Count - 1);
        foreach (var r in rows.Skip(1))
        {
            var probabilities = r[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(1.0, probabilities.Sum(), 5);
            Assert.Equal(new[] { "setosa", "versicolor", "virginica" }[Array.IndexOf(probabilities, probabilities.Max())], r[0]);
        }
        Assert.Contains("Predicted 10 rows", run.Stderr);
    }

    [Fact]
    public void PredictWritesWhatTheSavedModelComputes()
    {
        string model = Train(files.Regression, "price", "regression", "regression.zip");
        var run = CliRun.Of("predict", "--model", model, "--data", files.Regression);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var scores = Csv(run.Stdout).Skip(1).Select(r => float.Parse(r[0], CultureInfo.InvariantCulture)).ToArray();

        var ml = new MLContext().RegisterMLExt();
        var loaded = ml.Model.Load(model, out var inputSchema);
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            // Empty sizes are missing (NaN), for the model to replace by the training mean, not 0.
            Separators = [','], HasHeader = true, MissingRealsAsNaNs = true,
            Columns = [new("size", DataKind.Single, 0), new("rooms", DataKind.Single, 1), new("district", DataKind.String, 2)],
        });
        Assert.Equal(["size", "rooms", "district"], inputSchema.Select(c => c.Name));
        var expected = loaded.Transform(loader.Load(files.Regression)).GetColumn<float>("Score").ToArray();
        Assert.Equal(expected, scores);
        Assert.True(scores.Distinct().Count() > 100, "the scores should differ from row to row");
    }

    [Fact]
    public void PredictNamesAMissingFeatureColumnAndRefusesJsonWithoutOutput()
    {
        string model = Train(files.Binary, "label", "binary", "b.zip");
        string partial = _folder.Write("partial.csv", "x1,label\n0.5,yes\n");
        CliRun.Of("predict", "--model", model, "--data", partial).AssertFailure(1, "--data", "'x2'", "'colour'");
        CliRun.Of("predict", "--model", model, "--data", files.Binary, "--json").AssertFailure(1, "--output");
        CliRun.Of("predict", "--model", files.Missing, "--data", files.Binary).AssertFailure(1, "--model", "does not exist");
        CliRun.Of("predict", "--model", files.Binary, "--data", files.Binary).AssertFailure(1, "--model", "not a loadable ML.NET model zip");
    }

    [Fact]
    public void ExportWritesAnOnnxFileOfTheNetworkAndSaysWhatItExpects()
    {
        string model = Train(files.Multiclass, "species", "multiclass", "m.zip");
        string onnx = _folder.PathOf("m.onnx");
        var run = CliRun.Of("export", "--model", model, "--onnx", onnx, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal(17, json.GetProperty("opset").GetInt32());
        Assert.Equal("Features", json.GetProperty("input").GetProperty("name").GetString());
        Assert.Contains("NormalizingTransformer", json.GetProperty("preprocessing").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Not included", run.Stderr);

        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx));
        Assert.Equal(["Score", "PredictedLabel"], graph.Graph.Output.Select(o => o.Name));
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        Assert.Equal([-1, 4], session.InputMetadata["Features"].Dimensions);
    }

    [Fact]
    public void ExportRefusesAModelWithoutNetworkOrAMissingFile()
    {
        string plain = _folder.PathOf("plain.zip");
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { new { X = 1f } }.Select(r => new Row { X = r.X }));
        ml.Model.Save(ml.Transforms.CopyColumns("Y", "X").Fit(data), data.Schema, plain);
        CliRun.Of("export", "--model", plain, "--onnx", _folder.PathOf("x.onnx")).AssertFailure(1, "--model", "no MLExt network");
        CliRun.Of("export", "--model", files.Missing, "--onnx", _folder.PathOf("x.onnx")).AssertFailure(1, "--model", "does not exist");
        Assert.False(File.Exists(_folder.PathOf("x.onnx")));
    }

    private sealed class Row
    {
        public float X { get; set; }
    }
}

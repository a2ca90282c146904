using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Tests.Cli;
using MLExt.Trainers;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: scoring does what training did, through the saved model. Empty, <c>NA</c>, <c>NaN</c>, text and infinite cells in a
/// numeric column are replaced by the training mean inside the model zip, and the user is told which column and line; a model
/// that cannot score a row fails naming the line and the column instead of writing NaN.
/// </summary>
public class PredictionsAreNeverSilentlyNaN(CsvFixture files) : IClassFixture<CsvFixture>
{
    private const string Hostile = "x1,x2,colour\n0.5,abc,red\nNA,0.1,blue\nNaN,0.2,red\n,0.3,blue\ninf,0.4,red\n1e39,0.5,green\n0.3,0.6,blue\n";

    [Fact]
    public void BadNumericCellsAreScoredWithTheTrainingMeanAndReported()
    {
        using var folder = new TempFolder();
        string model = folder.PathOf("model.zip");
        CliRun.Of("train", "--data", files.Binary, "--label", "label", "--task", "binary", "--epochs", "2", "--save", model).AssertSuccess();
        string data = folder.Write("score.csv", Hostile);
        string output = folder.PathOf("out.csv");

        var run = CliRun.Of("predict", "--model", model, "--data", data, "--output", output);

        run.AssertSuccess();
        Assert.Contains("column 'x1': 3 missing (first on line 3); 2 not a number (first on line 6: 'inf')", run.Stdout);
        Assert.Contains("column 'x2': 1 not a number (first on line 2: 'abc')", run.Stdout);
        var rows = File.ReadAllLines(output).Skip(1).ToArray();
        Assert.Equal(7, rows.Length);
        Assert.DoesNotContain(rows, r => r.Contains("NaN", StringComparison.Ordinal));
    }

    [Fact]
    public void TheReplacementLivesInTheModelZip()
    {
        // Scored by ML.NET alone from the zip, a missing x1 gives the same prediction as the mean of x1 in the training rows.
        using var folder = new TempFolder();
        string model = folder.PathOf("model.zip");
        string train = folder.Write("train.csv", "x1,x2,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i % 8},{(i * 7) % 5},{(i % 8 + (i * 7) % 5 > 5 ? "yes" : "no")}\n"))));
        CliRun.Of("train", "--data", train, "--label", "label", "--task", "binary", "--epochs", "2", "--test-fraction", "0.1",
            "--save", model).AssertSuccess();
        var ml = new MLContext(seed: 0).RegisterMLExt();
        var loaded = ml.Model.Load(model, out var schema);
        Assert.Equal(DataKind.Single, KindOf(schema["x1"]));

        float[] Scores(params float[] x1) => loaded.Transform(ml.Data.LoadFromEnumerable(x1.Select(v => new Row { X1 = v, X2 = 2 })))
            .GetColumn<float>("Score").ToArray();
        var scores = Scores(float.NaN, float.PositiveInfinity, TrainingMeanOfX1(ml, train));

        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(scores[2], scores[0], 1e-5f);
        Assert.Equal(scores[2], scores[1], 1e-5f);
        (loaded as IDisposable)?.Dispose();
    }

    [Fact]
    public void AModelWithoutReplacementFailsNamingTheLineAndColumn()
    {
        // A model zip made with plain ML.NET, which has no missing-value replacement: its score on an empty cell is NaN.
        using var folder = new TempFolder();
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 30).Select(i => new LabelledRow { X1 = i % 6, X2 = i % 4, Label = i % 6 > 2 }));
        var pipeline = ml.Transforms.Concatenate("Features", "x1", "x2").Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        var fitted = pipeline.Fit(train);
        string model = folder.PathOf("plain.zip");
        ml.Model.Save(fitted, ml.Data.LoadFromEnumerable(Array.Empty<Row>()).Schema, model);
        string data = folder.Write("score.csv", "x1,x2\n1,2\n3,\n");
        string output = folder.PathOf("out.csv");

        var run = CliRun.Of("predict", "--model", model, "--data", data, "--output", output);

        run.AssertFailure(1, "score.csv, line 3", "NaN", "column(s) 'x2' ('')");
        Assert.False(File.Exists(output));
    }

    private static float TrainingMeanOfX1(MLContext ml, string train)
    {
        // The mean over the rows the model was fitted on: those of the seeded TrainTestSplit the CLI used (test fraction 0.1, seed 1).
        var loader = ml.Data.CreateTextLoader([new TextLoader.Column("x1", DataKind.Single, 0)], separatorChar: ',', hasHeader: true);
        var split = new MLContext(seed: 1).Data.TrainTestSplit(loader.Load(train), 0.1, seed: 1);
        return split.TrainSet.GetColumn<float>("x1").Average();
    }

    private static DataKind KindOf(DataViewSchema.Column column) => column.Type == NumberDataViewType.Single ? DataKind.Single : DataKind.String;

    private sealed class Row
    {
        [ColumnName("x1")] public float X1 { get; set; }
        [ColumnName("x2")] public float X2 { get; set; }
    }

    private sealed class LabelledRow
    {
        [ColumnName("x1")] public float X1 { get; set; }
        [ColumnName("x2")] public float X2 { get; set; }
        public bool Label { get; set; }
    }
}

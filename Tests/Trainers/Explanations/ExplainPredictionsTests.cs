using MLExt.Evaluation;
using MLExt.Evaluation.Importance;
using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers.Explanations;

/// <summary>
/// Explanations inside an ML.NET pipeline: a one-hot category, a number that matters and one that does not, normalised
/// and concatenated. The attribution columns name the user's columns; integrated gradients stay complete per column;
/// the useless column matters least to attributions and to permutation importance; a saved model explains the same.
/// </summary>
public sealed class ExplainPredictionsTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class House
    {
        public float Size { get; set; }
        public string Town { get; set; } = "";
        public float Noise { get; set; }
        public float Label { get; set; }
    }

    private static IDataView Houses(MLContext ml, int count, int seed)
    {
        var random = new Random(seed);
        string[] towns = ["north", "south", "east"];
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ =>
        {
            float size = (float)random.NextDouble() * 4;
            string town = towns[random.Next(3)];
            return new House
            {
                Size = size, Town = town, Noise = (float)random.NextDouble(),
                Label = 2 * size + (town == "south" ? 3 : 0) + 0.05f * (float)random.NextDouble(),
            };
        }).ToList());
    }

    private ITransformer Fit(IDataView data) =>
        _ml.Transforms.Categorical.OneHotEncoding("Town")
            .Append(_ml.Transforms.Concatenate("Features", "Size", "Town", "Noise"))
            .Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Append(_ml.Regression.Trainers.NeuralNetwork(new NeuralNetworkRegressionTrainer.Options
            {
                Layers = [Layer.Dense(16, Activation.Tanh)], NumberOfEpochs = 60, Seed = 3,
                Optimizer = new AdamOptimizer { LearningRate = 0.01f },
            }))
            .Fit(data);

    [Fact]
    public void AttributionsNameTheUsersColumnsAndStayComplete()
    {
        var data = Houses(_ml, 400, 1);
        var model = Fit(data);
        var explained = _ml.Transforms.ExplainPredictions(model).Fit(data).Transform(Houses(_ml, 50, 2));

        VBuffer<ReadOnlyMemory<char>> names = default;
        explained.Schema["ColumnAttribution"].GetSlotNames(ref names);
        Assert.Equal(["Size", "Town", "Noise"], names.DenseValues().Select(n => n.ToString()));
        explained.Schema["Attribution"].GetSlotNames(ref names);
        Assert.Equal(["Size", "Town.north", "Town.south", "Town.east", "Noise"], names.DenseValues().Select(n => n.ToString()));

        var network = SavedNetwork.Find(model)!;
        var attribution = new InputAttribution(network.Network);
        var perSlot = _ml.Data.CreateEnumerable<Explained>(explained, reuseRowObject: false).ToList();
        var mean = new double[3];
        foreach (var row in perSlot)
        {
            // Σ attributions = f(x) − f(0) of the network's output; each column's value is the sum of its slots.
            double f = attribution.Predict(row.Features)[0] - attribution.Predict(new float[5])[0];
            Assert.Equal(f, row.Attribution.Sum(a => (double)a), 1e-3 * Math.Max(1, Math.Abs(f)));
            Assert.Equal(row.Attribution[1] + row.Attribution[2] + row.Attribution[3], row.ColumnAttribution[1], 1e-5f);
            for (int c = 0; c < 3; c++) mean[c] += Math.Abs(row.ColumnAttribution[c]) / perSlot.Count;
        }
        Assert.True(mean[2] < 0.2 * Math.Min(mean[0], mean[1]), $"mean |attribution| {string.Join(", ", mean)}");
    }

    [Fact]
    public void PermutationImportanceRanksTheUselessColumnLastWithIntervals()
    {
        var data = Houses(_ml, 400, 1);
        var importance = PermutationImportance.Compute(Fit(data), Houses(_ml, 200, 3),
            new PermutationImportanceOptions { Task = EvaluationTask.Regression, Repeats = 4, Seed = 5 });
        Assert.Equal(["Noise", "Size", "Town"], importance.Select(i => i.Column).Order());
        Assert.Equal("Noise", importance[^1].Column);
        Assert.All(importance.Take(2), i => Assert.True(i.Drop.ConfidenceLow > 0.1, $"{i.Column}: {i.Drop.ConfidenceLow}"));
        Assert.Equal(4, importance[0].Drop.Values.Count);
        Assert.True(importance[^1].Drop.Mean < 0.02, $"Noise drop {importance[^1].Drop.Mean}");
        var again = PermutationImportance.Compute(Fit(data), Houses(_ml, 200, 3),
            new PermutationImportanceOptions { Task = EvaluationTask.Regression, Repeats = 4, Seed = 5 });
        Assert.Equal(importance.Select(i => i.Drop.Mean), again.Select(i => i.Drop.Mean));
    }

    [Fact]
    public void ASavedModelExplainsLikeTheFittedOne()
    {
        var data = Houses(_ml, 300, 1);
        var model = Fit(data);
        string path = Path.Combine(Path.GetTempPath(), $"explain-{Guid.NewGuid():N}.zip");
        try
        {
            _ml.Model.Save(model, data.Schema, path);
            MLExtRegistration.RegisterMLExt(_ml);
            var loaded = _ml.Model.Load(path, out _);
            var saved = SavedNetwork.FromModelFile(path)!;
            Assert.Equal("Features", saved.FeatureColumnName);
            var rows = Houses(_ml, 20, 4);
            var options = new ExplainPredictionsOptions { Method = AttributionMethod.Saliency, Network = saved };
            var fromFile = Attributions(_ml.Transforms.ExplainPredictions(loaded, options).Fit(rows).Transform(rows));
            var fromMemory = Attributions(_ml.Transforms.ExplainPredictions(model, AttributionMethod.Saliency).Fit(rows).Transform(rows));
            Assert.Equal(fromMemory.Count, fromFile.Count);
            for (int i = 0; i < fromMemory.Count; i++) Assert.Equal(fromMemory[i], fromFile[i]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AModelWithoutANetworkSaysPermutationImportanceStillWorks()
    {
        var data = Houses(_ml, 100, 1);
        var model = _ml.Transforms.Concatenate("Features", "Size", "Noise").Append(_ml.Regression.Trainers.Sdca()).Fit(data);
        var error = Assert.Throws<InvalidOperationException>(() => _ml.Transforms.ExplainPredictions(model).Fit(data));
        Assert.Contains("Permutation importance works", error.Message);
    }

    [Fact]
    public void ABaselineOfTheWrongWidthNamesTheOption()
    {
        var data = Houses(_ml, 100, 1);
        var model = Fit(data);
        var error = Assert.Throws<ArgumentException>(() =>
            _ml.Transforms.ExplainPredictions(model, new ExplainPredictionsOptions { Baseline = [0, 0] }).Fit(data));
        Assert.Contains("Baseline has 2 values", error.Message);
        Assert.Contains("5 features", error.Message);
    }

    [Fact]
    public void Conforms()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticData.Regression(ml, 200, 1);
        var model = TrainerFactory.Regression(ml).Fit(train);
        EstimatorConformance.Check(() => ml.Transforms.ExplainPredictions(model, AttributionMethod.GradientTimesInput), train,
            ["Attribution", "ColumnAttribution"]);
    }

    private static List<float[]> Attributions(IDataView explained) =>
        [.. new MLContext().Data.CreateEnumerable<Explained>(explained, reuseRowObject: false).Select(r => r.Attribution)];

    private sealed class Explained
    {
        public float[] Features { get; set; } = [];
        public float[] Attribution { get; set; } = [];
        public float[] ColumnAttribution { get; set; } = [];
    }
}

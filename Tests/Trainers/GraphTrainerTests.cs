using MLExt.Neural;
using MLExt.Tests.Neural;
using MLExt.Tests.Neural.Graphs;
using MLExt.Tests.Onnx;
using MLExt.Trainers;
using MLExt.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers;

/// <summary>
/// The trainers train a model graph whose inputs are bound to columns: estimator conformance for the three tasks,
/// save/load (multi-input ONNX inside OnnxTransformer), cross-validation, a user's registered layer, token ids from
/// TokenizeToIds beside numbers, and errors before any work.
/// </summary>
public sealed class GraphTrainerTests
{
    private readonly MLContext _ml = new MLContext(seed: 1).RegisterMLExt();

    /// <summary>The synthetic rows with the features split over two columns: <c>Features</c> (x0, x1) and <c>Extra</c> (x2, x3).</summary>
    private sealed class TwoColumns
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        [VectorType(2)] public float[] Extra { get; set; } = [];
        public string Class { get; set; } = "";
        public bool Label { get; set; }
        public float Value { get; set; }
    }

    private IDataView Data(int count, int seed, string task)
    {
        var rows = SyntheticData.Rows(count, seed).Select(r => new TwoColumns
        {
            Features = r.Features[..2], Extra = r.Features[2..], Class = r.Class, Label = r.IsA, Value = r.Value,
        });
        var data = _ml.Data.LoadFromEnumerable(rows.ToList());
        return task switch
        {
            "multiclass" => _ml.Transforms.Conversion.MapValueToKey("Label", nameof(TwoColumns.Class)).Fit(data).Transform(data),
            "regression" => _ml.Transforms.CopyColumns("Label", nameof(TwoColumns.Value)).Fit(data).Transform(data),
            _ => data,
        };
    }

    /// <summary>Two branches, one per column, concatenated, then the task's output; <paramref name="shared"/> is applied
    /// on both branches when given (one set of weights).</summary>
    private static GraphBuilder TwoBranches(GraphShapes shapes, Func<Layer>? shared = null)
    {
        var g = new GraphBuilder();
        var a = g.Apply(g.Input("a", shapes.Of("a")), new Dense(8, Activation.Tanh));
        var b = g.Apply(g.Input("b", shapes.Of("b")), new Dense(8, Activation.Tanh));
        if (shared?.Invoke() is { } layer)
        {
            a = g.Apply(layer, a);
            b = g.Apply(layer, b);
        }
        g.Output("score", g.Apply(g.Concatenate(-1, a, b), new Dense(16, Activation.Relu), new Dense(shapes.OutputUnits)));
        return g;
    }

    private static T GraphOptions<T>(T options, Func<GraphShapes, GraphBuilder>? graph = null) where T : NeuralNetworkOptions
    {
        TrainerFactory.Configure(options);
        options.Layers = [];
        options.Graph = graph ?? (shapes => TwoBranches(shapes));
        options.GraphInputColumns = new() { ["a"] = "Features", ["b"] = "Extra" };
        return options;
    }

    private NeuralNetworkBinaryTrainer Binary(Func<GraphShapes, GraphBuilder>? graph = null, Action<NeuralNetworkBinaryTrainer.Options>? change = null)
    {
        var options = GraphOptions(new NeuralNetworkBinaryTrainer.Options(), graph);
        change?.Invoke(options);
        return _ml.BinaryClassification.Trainers.NeuralNetwork(options);
    }

    [Fact]
    public void BinaryGraphTrainerConforms() =>
        EstimatorConformance.Check(() => Binary(), Data(300, 1, "binary"), ["Score", "Probability", "PredictedLabel"]);

    [Fact]
    public void MulticlassGraphTrainerConforms() => EstimatorConformance.Check(
        () => _ml.MulticlassClassification.Trainers.NeuralNetwork(GraphOptions(new NeuralNetworkMulticlassTrainer.Options())),
        Data(300, 1, "multiclass"), ["Score", "PredictedLabel"]);

    [Fact]
    public void RegressionGraphTrainerConforms() => EstimatorConformance.Check(
        () => _ml.Regression.Trainers.NeuralNetwork(GraphOptions(new NeuralNetworkRegressionTrainer.Options())),
        Data(300, 1, "regression"), ["Score"]);

    [Fact]
    public void AGraphModelLearnsAndNamesItsBindings()
    {
        var train = Data(600, 1, "multiclass");
        var test = Data(300, 2, "multiclass");
        var model = _ml.MulticlassClassification.Trainers.NeuralNetwork(GraphOptions(new NeuralNetworkMulticlassTrainer.Options())).Fit(train);
        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.MacroAccuracy > 0.85, $"macro accuracy {metrics.MacroAccuracy}");
        Assert.Equal(new Dictionary<string, string> { ["a"] = "Features", ["b"] = "Extra" }, model.InputColumns);
        Assert.Equal("score", model.OutputName);
        Assert.Contains("model graph", Assert.Throws<InvalidOperationException>(() => model.Network).Message);
    }

    [Fact]
    public void AUsersRegisteredLayerSharedInTheGraphTrainsSavesAndLoads()
    {
        ScaleLayer.Register();
        var train = Data(300, 1, "binary");
        var test = Data(90, 2, "binary");
        var model = Binary(shapes => TwoBranches(shapes, () => new ScaleLayer())).Fit(train);
        Assert.Single(model.Graph.Layers.OfType<ScaleLayer>());
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.AreaUnderRocCurve > 0.9, $"AUC {metrics.AreaUnderRocCurve}");

        var loaded = SaveAndLoad(model, train.Schema);
        AssertSameScores(model, loaded, test);
        Assert.Equal(metrics.AreaUnderRocCurve, _ml.BinaryClassification.Evaluate(loaded.Transform(test)).AreaUnderRocCurve, 6);

        // The prediction engine reads both columns of a single row.
        var engine = _ml.Model.CreatePredictionEngine<TwoColumns, BinaryPrediction>(loaded);
        Assert.True(engine.Predict(new TwoColumns { Features = [2.5f, 0], Extra = [0, 0] }).PredictedLabel);
        Assert.False(engine.Predict(new TwoColumns { Features = [0, 0], Extra = [2.5f, 0] }).PredictedLabel);
    }

    /// <summary>The model through <c>mlContext.Model.Save</c> and <c>Load</c> (built-ins only: the ONNX graph inside OnnxTransformer).</summary>
    private ITransformer SaveAndLoad(ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(model, schema, stream);
        stream.Position = 0;
        return _ml.Model.Load(stream, out _);
    }

    private static void AssertSameScores(ITransformer trained, ITransformer loaded, IDataView data)
    {
        var expected = EstimatorConformance.ScoresOf(trained.Transform(data));
        var actual = EstimatorConformance.ScoresOf(loaded.Transform(data));
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"row {i}: {expected[i]} vs {actual[i]}");
    }

    private sealed class BinaryPrediction
    {
        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void CrossValidationFitsAFreshGraphPerFold()
    {
        var results = _ml.BinaryClassification.CrossValidate(Data(200, 1, "binary"), Binary(), numberOfFolds: 2);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Metrics.AreaUnderRocCurve > 0.9, $"fold AUC {r.Metrics.AreaUnderRocCurve}"));
        Assert.NotSame(((NeuralNetworkTransformer)results[0].Model).Graph.Layers[0], ((NeuralNetworkTransformer)results[1].Model).Graph.Layers[0]);
    }

    private sealed class TextRow
    {
        public string Body { get; set; } = "";
        [VectorType(1)] public float[] Numbers { get; set; } = [];
        public bool Label { get; set; }
    }

    [Fact]
    public void TokenIdsFromTokenizeToIdsAndNumbersTrainTogetherAndSave()
    {
        // The label is "the text says good" XOR "the number is positive": neither input alone predicts it.
        var random = new RandomSource(3);
        string[] words = ["good", "bad"];
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            bool good = random.NextInt(2) == 0, positive = random.NextInt(2) == 0;
            return new TextRow { Body = $"this is {words[good ? 0 : 1]} news", Numbers = [positive ? 1f : -1f], Label = good ^ positive };
        }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var options = new NeuralNetworkBinaryTrainer.Options
        {
            NumberOfEpochs = 20, BatchSize = 16, Seed = 5, Optimizer = new AdamOptimizer { LearningRate = 0.01f },
            GraphInputColumns = new() { ["tokens"] = "Tokens", ["numbers"] = "Numbers" },
            Graph = shapes =>
            {
                var g = new GraphBuilder();
                var text = g.Apply(g.TokenInput("tokens", shapes.Of("tokens")[0]), new Embedding(10, 8, paddingIndex: 0), new TemporalMeanPooling());
                var numbers = g.Apply(g.Input("numbers", shapes.Of("numbers")), new Dense(8, Activation.Tanh));
                g.Output("score", g.Apply(g.Concatenate(-1, text, numbers), new Dense(16, Activation.Relu), new Dense(shapes.OutputUnits)));
                return g;
            },
        };
        var pipeline = _ml.Transforms.Text.TokenizeToIds("Tokens", "Body", maximumLength: 6, maximumVocabularySize: 10, minimumCount: 1)
            .Append(_ml.BinaryClassification.Trainers.NeuralNetwork(options));
        var model = pipeline.Fit(data);
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.Accuracy > 0.95, $"accuracy {metrics.Accuracy}");

        AssertSameScores(model, SaveAndLoad(model, data.Schema), data);

        // The standalone ONNX export has one input per column, checked against ONNX Runtime.
        var tokenized = model.Transform(data);
        Tensor Column(string name, int width) =>
            new(tokenized.GetColumn<float[]>(name).SelectMany(v => v).ToArray(), [rows.Count, width]);
        using var onnx = new MemoryStream();
        ((NeuralNetworkTransformer)model.LastTransformer).ExportOnnx(onnx);
        var outputs = OnnxRuntimeRunner.Run(onnx.ToArray(), new Dictionary<string, Tensor> { ["Tokens"] = Column("Tokens", 6), ["Numbers"] = Column("Numbers", 1) });
        TestTensors.AssertClose(EstimatorConformance.ScoresOf(tokenized).ToArray(), outputs["Score"].Values, 1e-4, "two-input model through ONNX Runtime");
    }

    [Fact]
    public void BadBindingsFailBeforeTrainingNamingTheColumnInputAndExpectation()
    {
        var data = Data(60, 1, "binary");
        string Error(Action<NeuralNetworkBinaryTrainer.Options> change, Func<GraphShapes, GraphBuilder>? graph = null) =>
            Assert.ThrowsAny<ArgumentException>(() => Binary(graph, change).Fit(data)).Message;

        var missing = Error(o => o.GraphInputColumns["b"] = "Nope");
        Assert.Contains("Column 'Nope', bound to graph input 'b'", missing);
        Assert.Contains("'Extra'", missing);

        var wrongType = Error(o => o.GraphInputColumns["b"] = "Value");
        Assert.Contains("Column 'Value' (graph input 'b') has type Single", wrongType);
        Assert.Contains("known-size vector of Single", wrongType);

        var wrongWidth = Error(_ => { }, shapes =>
        {
            var g = new GraphBuilder();
            var a = g.Input("a", shapes.Of("a"));
            var b = g.Apply(g.Input("b", 3), new Dense(2));
            g.Output("score", g.Apply(g.Concatenate(-1, a, b), new Dense(1)));
            return g;
        });
        Assert.Contains("Column 'Extra' (graph input 'b') has 2 values per row ([2]), but graph input 'b' takes [3], 3 values", wrongWidth);

        var wrongOutput = Error(_ => { }, shapes =>
        {
            var g = new GraphBuilder();
            g.Output("score", g.Apply(g.Concatenate(-1, g.Input("a", shapes.Of("a")), g.Input("b", shapes.Of("b"))), new Dense(3)));
            return g;
        });
        Assert.Contains("Graph output 'score' has shape [3], but a binary network outputs [1] per row", wrongOutput);

        var unbound = Error(o => o.GraphInputColumns.Remove("b"));
        Assert.Contains("No column is bound to graph input 'b' in GraphInputColumns", unbound);

        Assert.Contains("Set Layers or Graph, not both", Error(o => o.Layers = [Layer.Dense(4)]));
        Assert.Contains("column 'Features' feeds graph inputs 'a' and 'b'", Error(o => o.GraphInputColumns["b"] = "Features"));

        // GetOutputSchema checks the bound columns too, without data.
        var schema = EstimatorConformance.ShapeOf(data.Schema);
        var noColumn = Assert.ThrowsAny<ArgumentException>(() => Binary(change: o => o.GraphInputColumns["a"] = "Nope").GetOutputSchema(schema));
        Assert.Contains("Column 'Nope', bound to graph input 'a'", noColumn.Message);

        // Scoring data without a bound column is refused, naming it.
        var model = Binary().Fit(data);
        var dropped = _ml.Transforms.DropColumns("Extra").Fit(data).Transform(data);
        Assert.Contains("Column 'Extra' (graph input 'b') was not found", Assert.ThrowsAny<ArgumentException>(() => model.Transform(dropped)).Message);
    }
}

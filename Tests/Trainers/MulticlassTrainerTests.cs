using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers;

public sealed class MulticlassTrainerTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Conforms() =>
        EstimatorConformance.Check(() => TrainerFactory.Multiclass(_ml), SyntheticData.Multiclass(_ml, 300, 1), ["Score", "PredictedLabel"]);

    [Fact]
    public void AViewWithoutARowCountTrainsTheSameModelAsOneWithIt()
    {
        // The reader fills arrays of the known size, or grows them (from 1,024 rows) when the view cannot count.
        var data = SyntheticData.Multiclass(_ml, 2500, 1);
        var counted = _ml.Data.Cache(data);
        var uncounted = _ml.Data.FilterRowsByColumn(data, "Value", lowerBound: -1e9, upperBound: 1e9);
        Assert.Equal(2500, counted.GetRowCount());
        Assert.Null(uncounted.GetRowCount());
        var trainer = TrainerFactory.Multiclass(_ml, o => o.NumberOfEpochs = 2);
        var first = trainer.Fit(counted).Network.GetWeights();
        var second = trainer.Fit(uncounted).Network.GetWeights();
        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++) Assert.Equal(first[i], second[i]);
    }

    [Fact]
    public void OutputColumnsAreMLNetStandard()
    {
        var data = SyntheticData.Multiclass(_ml, 300, 1);
        var scored = TrainerFactory.Multiclass(_ml).Fit(data).Transform(data);
        var score = scored.Schema["Score"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), score.Type);
        VBuffer<ReadOnlyMemory<char>> slots = default;
        score.GetSlotNames(ref slots);
        Assert.Equal(["a", "b", "c"], slots.DenseValues().Select(s => s.ToString()));
        var predicted = scored.Schema["PredictedLabel"];
        Assert.Equal(data.Schema["Label"].Type, predicted.Type);
        VBuffer<ReadOnlyMemory<char>> keys = default;
        predicted.GetKeyValues(ref keys);
        Assert.Equal(["a", "b", "c"], keys.DenseValues().Select(s => s.ToString()));
        // Scores are probabilities summing to 1.
        foreach (var row in EstimatorConformance.ScoresOf(scored).Chunk(3))
            Assert.Equal(1.0, row.Sum(), 5);
    }

    [Fact]
    public void EvaluateAndCrossValidateWork()
    {
        var train = SyntheticData.Multiclass(_ml, 600, 1);
        var test = SyntheticData.Multiclass(_ml, 300, 2);
        var model = TrainerFactory.Multiclass(_ml).Fit(train);
        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.MicroAccuracy > 0.85, $"accuracy {metrics.MicroAccuracy}");
        Assert.True(metrics.LogLoss < 0.5, $"log loss {metrics.LogLoss}");

        var folds = _ml.MulticlassClassification.CrossValidate(train, TrainerFactory.Multiclass(_ml), numberOfFolds: 3);
        Assert.Equal(3, folds.Count);
        Assert.All(folds, f => Assert.True(f.Metrics.MicroAccuracy > 0.8, $"fold accuracy {f.Metrics.MicroAccuracy}"));
    }

    private sealed class Input
    {
        [VectorType(SyntheticData.FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Output
    {
        public float[] Score { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }

    [Fact]
    public void PredictionEngineAgreesWithTransform()
    {
        var rows = SyntheticData.Rows(60, 3);
        var train = SyntheticData.Multiclass(_ml, 300, 1);
        var model = TrainerFactory.Multiclass(_ml).Fit(train);
        var engine = _ml.Model.CreatePredictionEngine<Input, Output>(model, _ml.Data.LoadFromEnumerable(new List<Input>()).Schema);
        var batch = _ml.Data.CreateEnumerable<Output>(
            model.Transform(_ml.Data.LoadFromEnumerable(rows.Select(r => new Input { Features = r.Features }))), reuseRowObject: false).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            var single = engine.Predict(new Input { Features = rows[i].Features });
            Assert.Equal(batch[i].Score, single.Score);
            Assert.Equal(batch[i].PredictedLabel, single.PredictedLabel);
        }
    }

    [Fact]
    public void HistoryRecordsEveryEpochWithValidationAccuracy()
    {
        var data = SyntheticData.Multiclass(_ml, 300, 1);
        var model = TrainerFactory.Multiclass(_ml, o => { o.ValidationFraction = 0.2f; o.NumberOfEpochs = 4; }).Fit(data);
        var history = model.History;
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal("accuracy", history.MetricName);
        Assert.All(history.Epochs, e => Assert.InRange(e.ValidationMetric!.Value, 0, 1));
        Assert.True(history.Epochs[^1].TrainingLoss < history.Epochs[0].TrainingLoss);
        Assert.Equal(2, model.Network.Layers.Count); // the hidden dense layer and the output layer
    }

    [Fact]
    public void EpochsAreLoggedToTheMLContextLog()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        TrainerFactory.Multiclass(ml, o => o.NumberOfEpochs = 2).Fit(SyntheticData.Multiclass(ml, 90, 1));
        Assert.Contains(messages, m => m.Contains("epoch 1: loss"));
        Assert.Contains(messages, m => m.Contains("epoch 2: loss"));
        Assert.Contains(messages, m => m.Contains("Training a multiclass network"));
    }

    [Fact]
    public void WithoutASeedOptionTheContextSeedMakesRunsReproducible()
    {
        List<float> Scores(int contextSeed)
        {
            var ml = new MLContext(seed: contextSeed);
            var data = SyntheticData.Multiclass(ml, 90, 1);
            return EstimatorConformance.ScoresOf(TrainerFactory.Multiclass(ml, o => o.Seed = null).Fit(data).Transform(data));
        }
        Assert.Equal(Scores(3), Scores(3));
        Assert.NotEqual(Scores(3), Scores(4));
    }
}

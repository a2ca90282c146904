using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;
using MLExt.Neural;
using MLExt.Tests.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Evaluation;

/// <summary>Where ML.NET's evaluators compute the same quantity on the same scored data, MLExt's agrees to 1e-6.</summary>
public sealed class MlNetAgreementTests
{
    private const double Tolerance = 1e-6;
    private readonly MLContext _ml = new(seed: 3);

    public sealed class BinaryRow
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    /// <summary>Scores on a coarse grid so that many tie, within and across classes.</summary>
    private static IDataView TiedBinary(MLContext ml, int count, int seed)
    {
        var random = new RandomSource(seed);
        var rows = new List<BinaryRow>();
        for (int i = 0; i < count; i++)
        {
            bool label = random.NextFloat() < 0.4f;
            float score = MathF.Round((random.NextGaussian() + (label ? 0.8f : -0.3f)) * 4) / 4;
            rows.Add(new BinaryRow { Label = label, Score = score, Probability = 1 / (1 + MathF.Exp(-score)), PredictedLabel = score > 0 });
        }
        return ml.Data.LoadFromEnumerable(rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BinaryAgreesOnTiedScores(int seed) => AssertBinaryAgrees(TiedBinary(_ml, 400, seed));

    [Fact]
    public void BinaryAgreesOnATrainedLogisticRegression()
    {
        var data = SyntheticData.Binary(_ml, 300, 5);
        var model = _ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(data);
        AssertBinaryAgrees(model.Transform(SyntheticData.Binary(_ml, 200, 6)));
    }

    private void AssertBinaryAgrees(IDataView scored)
    {
        var reference = _ml.BinaryClassification.Evaluate(scored);
        var mine = BinaryEvaluator.Evaluate(scored);
        Assert.Equal(reference.Accuracy, mine.Accuracy, Tolerance);
        Assert.Equal(reference.AreaUnderRocCurve, mine.AreaUnderRocCurve, Tolerance);
        Assert.Equal(reference.AreaUnderPrecisionRecallCurve, mine.AreaUnderPrecisionRecallCurve, Tolerance);
        Assert.Equal(reference.F1Score, mine.F1Score, Tolerance);
        Assert.Equal(reference.PositivePrecision, mine.Confusion.Precision, Tolerance);
        Assert.Equal(reference.PositiveRecall, mine.Confusion.Recall, Tolerance);
        Assert.Equal(reference.NegativePrecision, mine.Confusion.NegativePrecision, Tolerance);
        Assert.Equal(reference.NegativeRecall, mine.Confusion.Specificity, Tolerance);
        Assert.Equal(reference.LogLoss, mine.LogLoss, Tolerance);
        Assert.Equal(reference.LogLossReduction, mine.LogLossReduction, Tolerance);
        var counts = reference.ConfusionMatrix.Counts; // rows: positive, negative
        Assert.Equal([(double)mine.Confusion.TruePositives, mine.Confusion.FalseNegatives], counts[0]);
        Assert.Equal([(double)mine.Confusion.FalsePositives, mine.Confusion.TrueNegatives], counts[1]);
    }

    public sealed class MulticlassRow
    {
        [KeyType(4)]
        public uint Label { get; set; }

        [VectorType(4)]
        public float[] Score { get; set; } = [];

        [KeyType(4)]
        public uint PredictedLabel { get; set; }
    }

    [Fact]
    public void MulticlassAgreesOnTiedAndZeroProbabilities()
    {
        var random = new RandomSource(11);
        var rows = new List<MulticlassRow>();
        for (int i = 0; i < 300; i++)
        {
            // Probabilities on a grid of tenths: ties between classes and exact zeros occur often.
            var p = new float[4];
            int left = 10;
            for (int c = 0; c < 3; c++)
            {
                int take = (int)(random.NextFloat() * (left + 1));
                p[c] = take / 10f;
                left -= take;
            }
            p[3] = left / 10f;
            // LoadFromEnumerable stores a [KeyType] uint v as key v + 1, so 0..3 become the four classes.
            rows.Add(new MulticlassRow { Label = (uint)(i % 4), Score = p, PredictedLabel = 0 });
        }
        AssertMulticlassAgrees(_ml.Data.LoadFromEnumerable(rows), topK: 3);
    }

    [Fact]
    public void MulticlassAgreesOnATrainedMaximumEntropyModel()
    {
        var data = SyntheticData.Multiclass(_ml, 300, 8);
        var model = _ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 20).Fit(data);
        AssertMulticlassAgrees(model.Transform(SyntheticData.Multiclass(_ml, 150, 9)), topK: 2);
    }

    private void AssertMulticlassAgrees(IDataView scored, int topK)
    {
        var reference = _ml.MulticlassClassification.Evaluate(scored, topKPredictionCount: topK);
        var mine = MulticlassEvaluator.Evaluate(scored);
        Assert.Equal(reference.MicroAccuracy, mine.MicroAccuracy, Tolerance);
        Assert.Equal(reference.MacroAccuracy, mine.MacroAccuracy, Tolerance);
        Assert.Equal(reference.LogLoss, mine.LogLoss, Tolerance);
        Assert.Equal(reference.LogLossReduction, mine.LogLossReduction, Tolerance);
        Assert.Equal(reference.TopKAccuracy, mine.TopKAccuracy[topK - 1], Tolerance);
        for (int k = 0; k < topK; k++)
            Assert.Equal(reference.TopKAccuracyForAllK[k], mine.TopKAccuracy[k], Tolerance);
        for (int c = 0; c < reference.PerClassLogLoss.Count; c++)
            Assert.Equal(reference.PerClassLogLoss[c], mine.Classes[c].LogLoss, Tolerance);
        for (int a = 0; a < reference.ConfusionMatrix.Counts.Count; a++)
            Assert.Equal(reference.ConfusionMatrix.Counts[a], mine.ConfusionMatrix.Counts[a]);
        for (int c = 0; c < reference.ConfusionMatrix.PerClassPrecision.Count; c++)
        {
            Assert.Equal(reference.ConfusionMatrix.PerClassPrecision[c], mine.Classes[c].Precision, Tolerance);
            Assert.Equal(reference.ConfusionMatrix.PerClassRecall[c], mine.Classes[c].Recall, Tolerance);
        }
    }

    [Fact]
    public void RegressionAgreesOnATrainedModel()
    {
        var data = SyntheticData.Regression(_ml, 300, 12);
        var model = _ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 30).Fit(data);
        var scored = model.Transform(SyntheticData.Regression(_ml, 200, 13));
        var reference = _ml.Regression.Evaluate(scored);
        var mine = RegressionEvaluator.Evaluate(scored);
        Assert.Equal(reference.MeanSquaredError, mine.MeanSquaredError, Tolerance);
        Assert.Equal(reference.RootMeanSquaredError, mine.RootMeanSquaredError, Tolerance);
        Assert.Equal(reference.MeanAbsoluteError, mine.MeanAbsoluteError, Tolerance);
        Assert.Equal(reference.RSquared, mine.RSquared, Tolerance);
        Assert.Equal(reference.LossFunction, mine.MeanSquaredError, Tolerance); // the default loss is squared error
    }

    [Fact]
    public void NeuralNetworkScoresAgreeToo()
    {
        var data = SyntheticData.Multiclass(_ml, 240, 14);
        var scored = TrainerFactory.Multiclass(_ml).Fit(data).Transform(SyntheticData.Multiclass(_ml, 120, 15));
        var reference = _ml.MulticlassClassification.Evaluate(scored);
        var mine = MulticlassEvaluator.Evaluate(scored);
        Assert.Equal(reference.MicroAccuracy, mine.MicroAccuracy, Tolerance);
        Assert.Equal(reference.LogLoss, mine.LogLoss, Tolerance);
        Assert.Equal(["a", "b", "c"], mine.Predictions.ClassNames);
    }
}

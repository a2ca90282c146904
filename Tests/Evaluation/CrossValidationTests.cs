using MLExt.Evaluation;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Metrics;
using MLExt.Tests.Trainers;
using MLExt.Trainers;
using Microsoft.ML;

namespace MLExt.Tests.Evaluation;

public sealed class CrossValidationTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void KFoldSizesDifferByAtMostOne()
    {
        var folds = FoldAssigner.KFold(23, 5, new Random(0));
        var sizes = folds.GroupBy(f => f).Select(g => g.Count()).ToArray();
        Assert.Equal(5, sizes.Length);
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    [Fact]
    public void StratifiedFoldsKeepClassProportions()
    {
        // 30 of class 0, 10 of class 1 over 5 folds: each fold 6 and 2.
        string[] labels = [.. Enumerable.Repeat("cat", 30), .. Enumerable.Repeat("dog", 10)];
        var folds = FoldAssigner.Stratified(labels, 5, new Random(3), [], 0);
        for (int f = 0; f < 5; f++)
        {
            Assert.Equal(6, Enumerable.Range(0, 40).Count(i => folds[i] == f && labels[i] == "cat"));
            Assert.Equal(2, Enumerable.Range(0, 40).Count(i => folds[i] == f && labels[i] == "dog"));
        }
    }

    [Fact]
    public void GroupedFoldsNeverSplitAGroup()
    {
        string[] groups = Enumerable.Range(0, 60).Select(i => $"g{i % 13}").ToArray();
        var folds = FoldAssigner.Grouped(groups, 4, new Random(5));
        foreach (var group in Enumerable.Range(0, 60).GroupBy(i => groups[i]))
            Assert.Single(group.Select(i => folds[i]).Distinct());
        Assert.Equal(4, folds.Distinct().Count());
    }

    [Fact]
    public void SameSeedSameFoldsAndRepeatsDiffer()
    {
        var data = SyntheticData.Binary(_ml, 50, 1);
        var options = new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, Seed = 9 };
        Assert.Equal(FoldAssigner.Assign(data, options, 0, []), FoldAssigner.Assign(data, options, 0, []));
        Assert.NotEqual(FoldAssigner.Assign(data, options, 0, []), FoldAssigner.Assign(data, options, 1, []));
    }

    [Theory]
    [InlineData(1, 12.706204736174698)]
    [InlineData(4, 2.7764451051977987)]
    [InlineData(9, 2.2621571627409915)]
    [InlineData(29, 2.0452296421327034)]
    [InlineData(1000, 1.9623390808264074)]
    public void StudentTCriticalValuesMatchTables(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentT.TwoSidedCritical(0.95, degreesOfFreedom), 9);

    [Fact]
    public void SummaryHasMeanSampleSdAndTInterval()
    {
        var summary = new MetricSummary("m", true, [0.8, 0.9, 1.0, double.NaN], "1 of 4 folds undefined");
        Assert.Equal(0.9, summary.Mean, 12);
        Assert.Equal(0.1, summary.StandardDeviation, 12);
        double half = 4.302652729911275 * 0.1 / Math.Sqrt(3);
        Assert.Equal(0.9 - half, summary.ConfidenceLow, 9);
        Assert.Equal(0.9 + half, summary.ConfidenceHigh, 9);
        Assert.Equal(3, summary.DefinedCount);
    }

    [Fact]
    public void FoldsCoverEveryRowOnceAndAgreeWithMlNetPerFold()
    {
        var data = SyntheticData.Binary(_ml, 120, 2);
        var options = new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, NumberOfFolds = 4, Seed = 4 };
        var result = CrossValidator.Run(data, _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), options);
        Assert.Equal(FoldStrategy.Stratified, result.Strategy);
        Assert.Equal(120, result.Folds.Sum(f => f.TestRows));
        Assert.All(result.Folds, f => Assert.Equal(120, f.TestRows + f.TrainingRows));
        var pooled = Assert.IsType<BinaryEvaluation>(result.Pooled);
        Assert.Equal(120, pooled.Predictions.Count);
        var accuracy = result[MetricNames.Accuracy];
        Assert.Equal(result.Folds.Average(f => ((BinaryEvaluation)f.Evaluation).Accuracy), accuracy.Mean, 12);
        Assert.True(accuracy.ConfidenceLow <= accuracy.Mean && accuracy.Mean <= accuracy.ConfidenceHigh);

        // ML.NET's own evaluator on the very rows of fold 0 gives the same AUC.
        var folds = FoldAssigner.Assign(data, options, 0, []);
        var model = _ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(new MLExt.Evaluation.Data.RowSubsetDataView(data, folds.Select(f => f != 0).ToArray()));
        var reference = _ml.BinaryClassification.Evaluate(model.Transform(new MLExt.Evaluation.Data.RowSubsetDataView(data, folds.Select(f => f == 0).ToArray())));
        Assert.Equal(reference.AreaUnderRocCurve, ((BinaryEvaluation)result.Folds[0].Evaluation).AreaUnderRocCurve, 1e-6);
    }

    [Fact]
    public void RepeatedFoldsPoolEveryRowOncePerRepeat()
    {
        var data = SyntheticData.Regression(_ml, 60, 3);
        var result = CrossValidator.Run(data, _ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 5),
            new CrossValidationOptions { Task = EvaluationTask.Regression, NumberOfFolds = 3, Repeats = 2 });
        Assert.Equal(FoldStrategy.KFold, result.Strategy);
        Assert.Equal(6, result.Folds.Count);
        Assert.Equal(6, result[MetricNames.RootMeanSquaredError].Values.Count);
        Assert.Equal(120, ((MLExt.Evaluation.Regression.RegressionEvaluation)result.Pooled).Predictions.Count);
    }

    [Fact]
    public void ParallelFoldsGiveTheSequentialResultsAndLearningCurves()
    {
        var data = SyntheticData.Multiclass(_ml, 150, 4);
        CrossValidationResult Run(int parallel) => CrossValidator.Run(data, TrainerFactory.Multiclass(_ml, o => o.NumberOfEpochs = 4),
            new CrossValidationOptions
            {
                Task = EvaluationTask.MulticlassClassification,
                NumberOfFolds = 3,
                MaxDegreeOfParallelism = parallel,
                LearningCurveExtractor = NeuralNetworkCurve,
            });
        var sequential = Run(1);
        var parallel = Run(2);
        foreach (var summary in sequential.Summary)
            Assert.Equal(summary.Values, parallel[summary.Name].Values);
        Assert.All(parallel.Folds, f => Assert.Equal(4, f.LearningCurve!.Points.Count));
        Assert.Equal(sequential.Folds[1].LearningCurve!.Points.Select(p => p.TrainingLoss), parallel.Folds[1].LearningCurve!.Points.Select(p => p.TrainingLoss));
    }

    [Fact]
    public void LearningCurveIsFoundInsideAChain()
    {
        var data = SyntheticData.Multiclass(_ml, 60, 5);
        var pipeline = _ml.Transforms.NormalizeMinMax("Features").Append(TrainerFactory.Multiclass(_ml, o => o.NumberOfEpochs = 2));
        var model = pipeline.Fit(data);
        Assert.Equal(2, CrossValidator.FindLearningCurve(model, NeuralNetworkCurve)!.Points.Count);
        Assert.Null(CrossValidator.FindLearningCurve(model, null));
    }

    private static LearningCurve? NeuralNetworkCurve(ITransformer t) => t is NeuralNetworkTransformer nn
        ? new LearningCurve(nn.History.Epochs.Select(e => new LearningCurvePoint(e.Epoch, e.TrainingLoss, e.ValidationLoss, e.ValidationMetric)).ToArray(), nn.History.MetricName)
        : null;
}

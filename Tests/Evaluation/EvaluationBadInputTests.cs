using MLExt.Evaluation;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Metrics;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;
using MLExt.Tests.Trainers;
using Microsoft.ML;

namespace MLExt.Tests.Evaluation;

/// <summary>Bad input gets a clear error or a NaN with its reason, never a crash.</summary>
public sealed class EvaluationBadInputTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Row
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public string Group { get; set; } = "";
    }

    private IDataView Rows(params (bool Label, float Score)[] rows) =>
        _ml.Data.LoadFromEnumerable(rows.Select((r, i) => new Row { Label = r.Label, Score = r.Score, Probability = 1 / (1 + MathF.Exp(-r.Score)), Group = $"g{i % 2}" }));

    [Fact]
    public void MissingColumnIsNamedWithTheColumnsThatExist()
    {
        var data = Rows((true, 1), (false, -1));
        var error = Assert.Throws<ArgumentException>(() => BinaryEvaluator.Evaluate(data, new BinaryEvaluationOptions { ScoreColumnName = "Prediction" }));
        Assert.Contains("score column 'Prediction'", error.Message);
        Assert.Contains("Label, Score, Probability, Group", error.Message);
        Assert.Throws<ArgumentException>(() => RegressionEvaluator.Evaluate(data, new RegressionEvaluationOptions { LabelColumnName = "Target" }));
    }

    [Fact]
    public void WrongColumnTypeSaysWhatWasExpected()
    {
        var data = Rows((true, 1), (false, -1));
        var error = Assert.Throws<ArgumentException>(() => MulticlassEvaluator.Evaluate(data, new MulticlassEvaluationOptions { LabelColumnName = "Label", ScoreColumnName = "Score" }));
        Assert.Contains("key or a whole number", error.Message);
        var vector = Assert.Throws<ArgumentException>(() => MulticlassEvaluator.Evaluate(SyntheticData.Multiclass(_ml, 9, 1), new MulticlassEvaluationOptions { ScoreColumnName = "Value" }));
        Assert.Contains("vector of Single", vector.Message);
    }

    [Fact]
    public void SingleClassLabelGivesNaNAucWithReasonNotACrash()
    {
        var evaluation = BinaryEvaluator.Evaluate(Rows((true, 1), (true, -1), (true, 2)));
        var auc = evaluation.Metrics.Single(m => m.Name == MetricNames.Auc);
        Assert.True(double.IsNaN(auc.Value));
        Assert.Contains("single-class", auc.Reason);
    }

    [Fact]
    public void NaNScoresAreLeftOutAndSaidSo()
    {
        var evaluation = BinaryEvaluator.Evaluate(Rows((true, 1), (false, float.NaN), (false, -1), (true, float.PositiveInfinity)));
        Assert.Equal(2, evaluation.Predictions.Count);
        Assert.Contains(evaluation.Warnings, w => w.Contains("2 row(s) with a NaN or infinite score"));
        Assert.Equal(1.0, evaluation.AreaUnderRocCurve);
    }

    [Fact]
    public void AllScoresNaNGivesNaNMetricsWithReasons()
    {
        var evaluation = BinaryEvaluator.Evaluate(Rows((true, float.NaN), (false, float.NaN)));
        Assert.All(evaluation.Metrics.Where(m => double.IsNaN(m.Value)), m => Assert.False(string.IsNullOrEmpty(m.Reason)));
        Assert.True(double.IsNaN(evaluation.Accuracy));
    }

    [Fact]
    public void FewerRowsThanFoldsIsAClearError()
    {
        var data = Rows((true, 1), (false, -1), (true, 2));
        var error = Assert.Throws<ArgumentException>(() => CrossValidator.Run(data, _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, NumberOfFolds = 5 }));
        Assert.Contains("3 rows, fewer than the 5 folds", error.Message);
    }

    [Fact]
    public void GroupColumnThatWouldLeaveAFoldEmptyIsAClearError()
    {
        var data = Rows((true, 1), (false, -1), (true, 2), (false, 0), (true, 3), (false, -2));
        var error = Assert.Throws<ArgumentException>(() => CrossValidator.Run(data, _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, NumberOfFolds = 3, GroupColumnName = "Group" }));
        Assert.Contains("2 distinct value(s), fewer than the 3 folds", error.Message);
    }

    [Fact]
    public void MissingGroupColumnIsNamed()
    {
        var data = Rows((true, 1), (false, -1), (true, 2), (false, 0));
        var error = Assert.Throws<ArgumentException>(() => CrossValidator.Run(data, _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, NumberOfFolds = 2, GroupColumnName = "Patient" }));
        Assert.Contains("group column 'Patient'", error.Message);
    }

    [Fact]
    public void InvalidOptionsAreNamed()
    {
        var data = Rows((true, 1), (false, -1));
        var folds = Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidator.Run(data, _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, NumberOfFolds = 1 }));
        Assert.Equal(nameof(CrossValidationOptions.NumberOfFolds), folds.ParamName);
        var stratified = Assert.Throws<ArgumentException>(() => CrossValidator.Run(data, _ml.Regression.Trainers.Sdca(),
            new CrossValidationOptions { Task = EvaluationTask.Regression, Strategy = FoldStrategy.Stratified }));
        Assert.Equal(nameof(CrossValidationOptions.Strategy), stratified.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryEvaluator.Evaluate(data, new BinaryEvaluationOptions { CalibrationBins = 0 }));
    }

    [Fact]
    public void FoldWithoutPositivesReportsNaNAucWithReasonInTheSummary()
    {
        // Plain k-fold on 4 positives among 40 rows: some test fold has none, so its AUC is undefined, not a crash.
        var rows = Enumerable.Range(0, 40).Select(i => (i % 10 == 0, (float)(i % 7))).ToArray();
        var result = CrossValidator.Run(Rows(rows), _ml.Transforms.Concatenate("Features", "Score").Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression()),
            new CrossValidationOptions { Task = EvaluationTask.BinaryClassification, NumberOfFolds = 8, Strategy = FoldStrategy.KFold, Seed = 1 });
        var auc = result[MetricNames.Auc];
        Assert.True(auc.DefinedCount < 8);
        Assert.Contains("folds undefined", auc.Reason);
        Assert.False(double.IsNaN(((BinaryEvaluation)result.Pooled).AreaUnderRocCurve));
    }
}

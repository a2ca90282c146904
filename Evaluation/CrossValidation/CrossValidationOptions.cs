using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;
using Microsoft.ML;

namespace MLExt.Evaluation.CrossValidation;

/// <summary>How <see cref="CrossValidator"/> splits the data, trains and evaluates.</summary>
public sealed class CrossValidationOptions
{
    /// <summary>The task, which chooses the evaluator and the default fold strategy.</summary>
    public EvaluationTask Task { get; set; }

    /// <summary>Folds per repeat. Default 5; at least 2 and at most the number of rows (or groups).</summary>
    public int NumberOfFolds { get; set; } = 5;

    /// <summary>How rows are dealt into folds. Default <see cref="FoldStrategy.Auto"/>.</summary>
    public FoldStrategy Strategy { get; set; } = FoldStrategy.Auto;

    /// <summary>The column whose equal values keep rows in the same fold (any scalar or text column), or null.</summary>
    public string? GroupColumnName { get; set; }

    /// <summary>How many times the whole k-fold is run with a different shuffle. Default 1.</summary>
    public int Repeats { get; set; } = 1;

    /// <summary>Seed of the shuffles; the same seed gives the same folds. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Folds trained at once. Default 1 (one after another); results are the same either way when training is seeded.</summary>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    /// <summary>
    /// Reads a per-epoch learning curve from a fitted model, for trainers that do not implement
    /// <see cref="ILearningCurveSource"/> (called on the model and on each transformer of a chain); null to look only for the interface.
    /// </summary>
    public Func<ITransformer, LearningCurve?>? LearningCurveExtractor { get; set; }

    /// <summary>Columns and threshold for binary classification.</summary>
    public BinaryEvaluationOptions Binary { get; set; } = new();

    /// <summary>Columns for multiclass classification.</summary>
    public MulticlassEvaluationOptions Multiclass { get; set; } = new();

    /// <summary>Columns for regression.</summary>
    public RegressionEvaluationOptions Regression { get; set; } = new();

    /// <summary>The label column of <see cref="Task"/>'s evaluation options.</summary>
    internal string LabelColumnName => Task switch
    {
        EvaluationTask.BinaryClassification => Binary.LabelColumnName,
        EvaluationTask.MulticlassClassification => Multiclass.LabelColumnName,
        _ => Regression.LabelColumnName,
    };

    /// <summary>The strategy used: <see cref="Strategy"/>, with <see cref="FoldStrategy.Auto"/> resolved by task and group column.</summary>
    public FoldStrategy EffectiveStrategy => Strategy != FoldStrategy.Auto
        ? Strategy
        : GroupColumnName is not null ? FoldStrategy.Grouped
        : Task == EvaluationTask.Regression ? FoldStrategy.KFold : FoldStrategy.Stratified;

    internal void Validate()
    {
        if (!Enum.IsDefined(Task))
            throw new ArgumentOutOfRangeException(nameof(Task), Task, "Unknown task.");
        if (NumberOfFolds < 2)
            throw new ArgumentOutOfRangeException(nameof(NumberOfFolds), NumberOfFolds, "Cross-validation needs at least 2 folds.");
        if (Repeats < 1)
            throw new ArgumentOutOfRangeException(nameof(Repeats), Repeats, "Repeats must be at least 1.");
        if (MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be at least 1.");
        if (EffectiveStrategy == FoldStrategy.Grouped && string.IsNullOrEmpty(GroupColumnName))
            throw new ArgumentException("The grouped strategy needs GroupColumnName.", nameof(GroupColumnName));
        if (EffectiveStrategy == FoldStrategy.Stratified && Task == EvaluationTask.Regression)
            throw new ArgumentException("Stratified folds need class labels; a regression label is continuous. Use KFold.", nameof(Strategy));
        ArgumentNullException.ThrowIfNull(Binary);
        ArgumentNullException.ThrowIfNull(Multiclass);
        ArgumentNullException.ThrowIfNull(Regression);
    }
}

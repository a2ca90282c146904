using MLExt.Evaluation.Binary;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;
using Microsoft.ML;

namespace MLExt.Evaluation;

/// <summary>Evaluates scored data for a task given at run time, and pools evaluations of the same task.</summary>
public static class TaskEvaluator
{
    /// <summary>Evaluates <paramref name="scored"/> with the evaluator of <paramref name="options"/>' task and its column options.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type.</exception>
    public static IEvaluationResult Evaluate(IDataView scored, CrossValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(options);
        return options.Task switch
        {
            EvaluationTask.BinaryClassification => BinaryEvaluator.Evaluate(scored, options.Binary),
            EvaluationTask.MulticlassClassification => MulticlassEvaluator.Evaluate(scored, options.Multiclass),
            EvaluationTask.Regression => RegressionEvaluator.Evaluate(scored, options.Regression),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Task, "Unknown task."),
        };
    }

    /// <summary>One evaluation of all the predictions behind <paramref name="evaluations"/>, concatenated in order.</summary>
    /// <exception cref="ArgumentException">The evaluations are of different tasks, or there are none.</exception>
    public static IEvaluationResult Pool(IReadOnlyList<IEvaluationResult> evaluations, CrossValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        if (evaluations.Count == 0)
            throw new ArgumentException("There is nothing to pool.", nameof(evaluations));
        if (evaluations.Any(e => e.GetType() != evaluations[0].GetType()))
            throw new ArgumentException("Only evaluations of one task can be pooled.", nameof(evaluations));
        switch (evaluations[0])
        {
            case BinaryEvaluation:
                return BinaryEvaluator.Evaluate(evaluations.Cast<BinaryEvaluation>().Select(e => e.Predictions).Aggregate((a, b) => a.Concat(b)), options.Binary);
            case MulticlassEvaluation:
                return MulticlassEvaluator.Evaluate(evaluations.Cast<MulticlassEvaluation>().Select(e => e.Predictions).Aggregate((a, b) => a.Concat(b)));
            case RegressionEvaluation:
                return RegressionEvaluator.Evaluate(evaluations.Cast<RegressionEvaluation>().Select(e => e.Predictions).Aggregate((a, b) => a.Concat(b)));
            default:
                throw new ArgumentException($"Cannot pool {evaluations[0].GetType().Name}.", nameof(evaluations));
        }
    }
}

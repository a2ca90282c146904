namespace MLExt.Evaluation.CrossValidation;

/// <summary>One trained and evaluated fold.</summary>
/// <param name="Repeat">The repeat, from 0.</param>
/// <param name="Fold">The fold within the repeat, from 0.</param>
/// <param name="TrainingRows">Rows the model was trained on.</param>
/// <param name="TestRows">Rows it was evaluated on.</param>
/// <param name="Evaluation">The evaluation of the held-out rows; cast to the task's type for curves and matrices.</param>
/// <param name="LearningCurve">The per-epoch training record, when the model keeps one.</param>
/// <param name="Elapsed">Time to train and evaluate the fold.</param>
public sealed record FoldResult(int Repeat, int Fold, long TrainingRows, long TestRows, IEvaluationResult Evaluation,
    LearningCurve? LearningCurve, TimeSpan Elapsed);

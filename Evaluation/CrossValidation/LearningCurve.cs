namespace MLExt.Evaluation.CrossValidation;

/// <summary>A model's per-epoch training record, as cross-validation reports and plots it.</summary>
/// <param name="Points">One point per epoch, in order.</param>
/// <param name="MetricName">The name of <see cref="LearningCurvePoint.ValidationMetric"/>, such as <c>accuracy</c>, or null.</param>
public sealed record LearningCurve(IReadOnlyList<LearningCurvePoint> Points, string? MetricName = null);

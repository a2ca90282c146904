using MLExt.Evaluation.CrossValidation;

namespace MLExt.Evaluation.Reports;

/// <summary>One model in a report: its evaluation (pooled out-of-fold when cross-validated) and its cross-validation, if any.</summary>
/// <param name="Name">The model's name as the report shows it.</param>
/// <param name="Evaluation">The evaluation shown in detail: the pooled out-of-fold one for a cross-validation.</param>
/// <param name="CrossValidation">The cross-validation, or null for a single evaluation.</param>
public sealed record ModelReport(string Name, IEvaluationResult Evaluation, CrossValidationResult? CrossValidation = null);

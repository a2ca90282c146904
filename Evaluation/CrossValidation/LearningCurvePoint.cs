namespace MLExt.Evaluation.CrossValidation;

/// <summary>What one training epoch achieved.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch.</param>
/// <param name="ValidationLoss">Loss on held-out data after the epoch, when there was any.</param>
/// <param name="ValidationMetric">The validation metric after the epoch, when there was one.</param>
public sealed record LearningCurvePoint(int Epoch, double TrainingLoss, double? ValidationLoss = null, double? ValidationMetric = null);

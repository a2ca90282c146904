namespace MLExt.Evaluation.CrossValidation;

/// <summary>
/// A trained transformer that can tell how its training went epoch by epoch. Cross-validation finds it in a
/// fitted model (or a <c>TransformerChain</c>) and reports its learning curve per fold. Transformers from
/// assemblies that do not reference MLExt.Evaluation are reached through
/// <see cref="CrossValidationOptions.LearningCurveExtractor"/> instead.
/// </summary>
public interface ILearningCurveSource
{
    /// <summary>The per-epoch record, or null when training kept none.</summary>
    LearningCurve? LearningCurve { get; }
}

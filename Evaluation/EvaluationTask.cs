namespace MLExt.Evaluation;

/// <summary>The kind of prediction being evaluated.</summary>
public enum EvaluationTask
{
    /// <summary>Two classes: a scalar <c>Score</c>, optionally a <c>Probability</c>.</summary>
    BinaryClassification,

    /// <summary>Several classes: a <c>Score</c> vector with one probability per class.</summary>
    MulticlassClassification,

    /// <summary>A real-valued <c>Score</c>.</summary>
    Regression,
}

namespace MLExt.Evaluation.Binary;

/// <summary>What makes a decision threshold best in <see cref="ThresholdAnalysis.Best"/>.</summary>
public enum ThresholdCriterion
{
    /// <summary>The highest F1.</summary>
    F1,

    /// <summary>The highest Youden's J = recall + specificity − 1.</summary>
    YoudenJ,

    /// <summary>The lowest total cost of false positives and false negatives.</summary>
    Cost,
}

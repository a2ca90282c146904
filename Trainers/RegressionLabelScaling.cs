namespace MLExt.Trainers;

/// <summary>How the regression trainer scales the label before training; the model undoes it, so <c>Score</c> is in the label's units.</summary>
public enum RegressionLabelScaling
{
    /// <summary>(y − mean) / standard deviation, both from the training rows. The default.</summary>
    Standardize,

    /// <summary>(ln y − mean) / standard deviation of ln y: for a positive, right-skewed label (prices, wages, counts + 1).</summary>
    LogStandardize,

    /// <summary>The network learns the label as it is.</summary>
    None,
}

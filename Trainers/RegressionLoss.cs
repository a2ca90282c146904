namespace MLExt.Trainers;

/// <summary>The loss a regression network minimises.</summary>
public enum RegressionLoss
{
    /// <summary>Mean of (ŷ − y)².</summary>
    MeanSquaredError,
    /// <summary>Mean of |ŷ − y|.</summary>
    MeanAbsoluteError,
    /// <summary>Huber loss with δ = 1: quadratic near zero, linear beyond.</summary>
    Huber,
}

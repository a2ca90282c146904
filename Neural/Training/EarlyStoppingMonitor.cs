namespace MLExt.Neural;

/// <summary>What <see cref="EarlyStopping"/> watches.</summary>
public enum EarlyStoppingMonitor
{
    /// <summary>The loss on the validation data (lower is better); the training loss without validation data.</summary>
    ValidationLoss,
    /// <summary>The validation metric, such as accuracy (in the metric's own direction).</summary>
    ValidationMetric,
}

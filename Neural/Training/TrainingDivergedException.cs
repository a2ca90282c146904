namespace MLExt.Neural;

/// <summary>Thrown when the loss or a weight becomes NaN or infinite during training.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with a message saying where training diverged and what to try.</summary>
    public TrainingDivergedException(string message) : base(message) { }
}

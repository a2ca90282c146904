namespace MLExt.Benchmarks.Suites;

/// <summary>What a multiclass model predicts for one MNIST digit, for <c>PredictionEngine</c>.</summary>
internal sealed class MnistPrediction
{
    /// <summary>Class probabilities.</summary>
    public float[] Score { get; set; } = [];

    /// <summary>The predicted key (1-based).</summary>
    public uint PredictedLabel { get; set; }
}

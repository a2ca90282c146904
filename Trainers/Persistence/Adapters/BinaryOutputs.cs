using Microsoft.ML.Data;

namespace MLExt.Trainers.Persistence;

/// <summary>Output of <see cref="BinaryOutputsMapping"/>: ML.NET's binary classification columns. Infrastructure of saved models.</summary>
public sealed class BinaryOutputs
{
    /// <summary>The logit.</summary>
    [ColumnName("Score")]
    public float Score { get; set; }

    /// <summary>σ(logit).</summary>
    [ColumnName("Probability")]
    public float Probability { get; set; }

    /// <summary>Whether the logit is positive.</summary>
    [ColumnName("PredictedLabel")]
    public bool PredictedLabel { get; set; }
}

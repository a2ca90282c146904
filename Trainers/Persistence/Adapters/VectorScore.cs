using Microsoft.ML.Data;

namespace MLExt.Trainers.Persistence;

/// <summary>Input of <see cref="RegressionOutputsMapping"/>: ONNX's one-value <c>Score</c> vector. Infrastructure of saved models.</summary>
public sealed class VectorScore
{
    /// <summary>The score as a one-slot vector.</summary>
    [ColumnName("Score"), VectorType(1)]
    public float[] Score { get; set; } = [];
}

using Microsoft.ML.Data;

namespace MLExt.Trainers.Persistence;

/// <summary>Input of <see cref="BinaryOutputsMapping"/>: ONNX's one-value <c>Score</c> and <c>Probability</c> vectors. Infrastructure of saved models.</summary>
public sealed class BinaryOnnxOutputs
{
    /// <summary>The logit as a one-slot vector.</summary>
    [ColumnName("Score"), VectorType(1)]
    public float[] Score { get; set; } = [];

    /// <summary>σ(logit) as a one-slot vector.</summary>
    [ColumnName("Probability"), VectorType(1)]
    public float[] Probability { get; set; } = [];
}

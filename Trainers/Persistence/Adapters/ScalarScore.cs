using Microsoft.ML.Data;

namespace MLExt.Trainers.Persistence;

/// <summary>Output of <see cref="RegressionOutputsMapping"/>: ML.NET's regression <c>Score</c>. Infrastructure of saved models.</summary>
public sealed class ScalarScore
{
    /// <summary>The score.</summary>
    [ColumnName("Score")]
    public float Score { get; set; }
}

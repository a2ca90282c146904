using Microsoft.ML.Data;

namespace MLExt.Trainers.Persistence;

/// <summary>Output of <see cref="ClassIndexMapping"/>: the 0-based class index as a scalar. Infrastructure of saved models.</summary>
public sealed class ClassIndex
{
    /// <summary>The class index.</summary>
    [ColumnName("PredictedLabel")]
    public uint PredictedLabel { get; set; }
}

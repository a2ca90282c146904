using Microsoft.ML.Data;

namespace MLExt.Trainers.Persistence;

/// <summary>Input of <see cref="ClassIndexMapping"/>: ONNX's one-value <c>PredictedLabel</c> vector (0-based class index). Infrastructure of saved models.</summary>
public sealed class OnnxClassIndex
{
    /// <summary>The class index as a one-slot vector.</summary>
    [ColumnName("PredictedLabel"), VectorType(1)]
    public long[] PredictedLabel { get; set; } = [];
}

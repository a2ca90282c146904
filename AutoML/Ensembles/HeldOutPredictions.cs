using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Evaluation;

namespace MLExt.AutoML;

/// <summary>
/// Reads what ensemble selection combines from a scored view: per row, a binary classifier's probability of the positive
/// class (σ(Score) for an uncalibrated one), a multiclass classifier's class probabilities, a regressor's score; and the label
/// as a number (binary 0/1, multiclass the 0-based class index, regression the value).
/// </summary>
internal static class HeldOutPredictions
{
    /// <summary>The prediction values of every row of <paramref name="scored"/>, in order.</summary>
    public static float[][] Read(IDataView scored, EvaluationTask task)
    {
        var schema = scored.Schema;
        var column = task == EvaluationTask.BinaryClassification && schema.GetColumnOrNull("Probability") is { } probability ? probability : schema["Score"];
        bool sigmoid = task == EvaluationTask.BinaryClassification && column.Name == "Score";
        var rows = new List<float[]>();
        using var cursor = scored.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                rows.Add(buffer.DenseValues().ToArray());
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            float value = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                rows.Add([sigmoid ? 1f / (1f + MathF.Exp(-value)) : value]);
            }
        }
        return rows.ToArray();
    }

    /// <summary>The labels of <paramref name="data"/> as numbers, in row order.</summary>
    public static float[] Labels(IDataView data, string labelColumnName, EvaluationTask task)
    {
        var column = data.Schema[labelColumnName];
        var converted = new MLContext(0).Transforms.Conversion.ConvertType("MLExt.EnsembleLabel", labelColumnName, DataKind.Single).Fit(data).Transform(data);
        var values = converted.GetColumn<float>("MLExt.EnsembleLabel").ToArray();
        // A key converts to its 1-based number; the class index is one less.
        return task == EvaluationTask.MulticlassClassification && column.Type is KeyDataViewType ? values.Select(v => v - 1).ToArray() : values;
    }
}

using MLExt.Evaluation.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Evaluation.Multiclass;

/// <summary>Reads a scored multiclass <see cref="IDataView"/>, leaving out the rows ML.NET's evaluator leaves out.</summary>
internal static class MulticlassPredictionReader
{
    /// <summary>
    /// Reads the label and score vector in one pass. Rows with a missing label, a negative or fractional label,
    /// or a non-finite score are left out, each counted in <paramref name="warnings"/>.
    /// Class names come from the score's slot names, else the label's key values, else "0", "1", ….
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type.</exception>
    public static MulticlassPredictions Read(IDataView data, MulticlassEvaluationOptions options, List<string> warnings)
    {
        var schema = data.Schema;
        var labelColumn = ColumnReader.Require(schema, options.LabelColumnName, "label");
        var scoreColumn = ColumnReader.Require(schema, options.ScoreColumnName, "score");
        if (!ColumnReader.IsScalar(labelColumn.Type) || labelColumn.Type is BooleanDataViewType)
            throw new ArgumentException($"The label column '{labelColumn.Name}' must be a key or a whole number; it is {labelColumn.Type}.", nameof(options));

        var labels = new List<int>();
        var scores = new List<double[]>();
        long unlabeled = 0, badLabels = 0, badScores = 0;
        int classes;
        using (var cursor = data.GetRowCursor(new[] { labelColumn, scoreColumn }))
        {
            var label = ColumnReader.ScalarGetter(cursor, labelColumn, "label");
            var score = ColumnReader.VectorGetter(cursor, scoreColumn, "score", out classes);
            double l = 0;
            float[] s = new float[classes];
            while (cursor.MoveNext())
            {
                label(ref l);
                if (double.IsNaN(l))
                {
                    unlabeled++;
                    continue;
                }
                if (l < 0 || l != Math.Floor(l) || l > int.MaxValue)
                {
                    badLabels++;
                    continue;
                }
                score(ref s);
                if (!s.All(float.IsFinite))
                {
                    badScores++;
                    continue;
                }
                labels.Add((int)l);
                scores.Add(s.Select(v => (double)v).ToArray());
            }
        }
        if (unlabeled > 0)
            warnings.Add($"{unlabeled} row(s) with a missing label in '{labelColumn.Name}' were left out.");
        if (badLabels > 0)
            warnings.Add($"{badLabels} row(s) with a negative or fractional label in '{labelColumn.Name}' were left out.");
        if (badScores > 0)
            warnings.Add($"{badScores} row(s) with a NaN or infinite score in '{scoreColumn.Name}' were left out.");
        int unknown = labels.Count(l => l >= classes);
        if (unknown > 0)
            warnings.Add($"{unknown} row(s) have a label outside the model's {classes} classes; they count as errors (log loss −ln 1e-15), as in ML.NET.");

        var names = ColumnReader.SlotOrKeyNames(scoreColumn, classes)
            ?? (labelColumn.Type is KeyDataViewType ? ColumnReader.SlotOrKeyNames(labelColumn, classes) : null)
            ?? Enumerable.Range(0, classes).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new MulticlassPredictions(labels.ToArray(), scores.ToArray(), names);
    }
}

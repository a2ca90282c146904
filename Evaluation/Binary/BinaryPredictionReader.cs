using MLExt.Evaluation.Data;
using Microsoft.ML;

namespace MLExt.Evaluation.Binary;

/// <summary>Reads a scored binary <see cref="IDataView"/> into <see cref="BinaryPredictions"/>, leaving out the rows ML.NET's evaluator leaves out.</summary>
internal static class BinaryPredictionReader
{
    /// <summary>
    /// Reads the label, score and probability columns in one pass. Rows with a missing (NaN) label or a
    /// non-finite score are left out, each kind counted in <paramref name="warnings"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type.</exception>
    public static BinaryPredictions Read(IDataView data, BinaryEvaluationOptions options, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(data);
        var schema = data.Schema;
        var labelColumn = ColumnReader.Require(schema, options.LabelColumnName, "label");
        var scoreColumn = ColumnReader.Require(schema, options.ScoreColumnName, "score");
        RequireScalar(labelColumn, "label");
        RequireScalar(scoreColumn, "score");
        if (labelColumn.Type is Microsoft.ML.Data.KeyDataViewType key && key.Count != 2)
            throw new ArgumentException($"The label column '{labelColumn.Name}' is a key with {key.Count} values; a binary label needs 2 (or Boolean, or a number).", "options");
        var probabilityColumn = FindProbability(schema, options, warnings);

        var columns = probabilityColumn is null ? new[] { labelColumn, scoreColumn } : new[] { labelColumn, scoreColumn, probabilityColumn.Value };
        var labels = new List<bool>();
        var scores = new List<double>();
        var probabilities = new List<double>();
        long unlabeled = 0, badScores = 0, badLabels = 0;
        using (var cursor = data.GetRowCursor(columns))
        {
            var label = ColumnReader.ScalarGetter(cursor, labelColumn, "label");
            var score = ColumnReader.ScalarGetter(cursor, scoreColumn, "score");
            var probability = probabilityColumn is null ? null : ColumnReader.ScalarGetter(cursor, probabilityColumn.Value, "probability");
            double l = 0, s = 0, p = double.NaN;
            while (cursor.MoveNext())
            {
                label(ref l);
                score(ref s);
                if (double.IsNaN(l))
                {
                    unlabeled++;
                    continue;
                }
                if (double.IsInfinity(l))
                {
                    badLabels++;
                    continue;
                }
                if (!double.IsFinite(s))
                {
                    badScores++;
                    continue;
                }
                probability?.Invoke(ref p);
                labels.Add(l > 0);
                scores.Add(s);
                probabilities.Add(p);
            }
        }
        if (unlabeled > 0)
            warnings.Add($"{unlabeled} row(s) with a missing label in '{labelColumn.Name}' were left out.");
        if (badLabels > 0)
            warnings.Add($"{badLabels} row(s) with an infinite label in '{labelColumn.Name}' were left out.");
        if (badScores > 0)
            warnings.Add($"{badScores} row(s) with a NaN or infinite score in '{scoreColumn.Name}' were left out.");
        return new BinaryPredictions(labels.ToArray(), scores.ToArray(), probabilityColumn is null ? [] : probabilities.ToArray());
    }

    private static DataViewSchema.Column? FindProbability(DataViewSchema schema, BinaryEvaluationOptions options, List<string> warnings)
    {
        string? name = options.ProbabilityColumnName;
        if (string.IsNullOrEmpty(name))
            return null;
        var column = schema.GetColumnOrNull(name);
        if (column is null && name == BinaryEvaluationOptions.DefaultProbabilityColumnName)
        {
            warnings.Add($"There is no '{name}' column, so the probability metrics (log loss, Brier score, calibration) are not computed.");
            return null;
        }
        var found = ColumnReader.Require(schema, name, "probability");
        RequireScalar(found, "probability");
        return found;
    }

    private static void RequireScalar(DataViewSchema.Column column, string role)
    {
        if (!ColumnReader.IsScalar(column.Type))
            throw new ArgumentException($"The {role} column '{column.Name}' must be a scalar (Single, Double, Boolean or a key); it is {column.Type}.", "options");
    }
}

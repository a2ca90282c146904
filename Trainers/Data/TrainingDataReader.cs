using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>Reads an <see cref="IDataView"/>'s features and labels into memory for training, checking every value.</summary>
internal static class TrainingDataReader
{
    /// <summary>The feature column, checked to be a known-size vector of Single.</summary>
    /// <exception cref="ArgumentException">Missing or of the wrong type; names the column.</exception>
    public static DataViewSchema.Column FeatureColumn(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentException($"Feature column '{name}' was not found; the data has {Describe(schema)}.", "featureColumnName");
        if (column.Type is not VectorDataViewType { ItemType: var item, Size: > 0 } || item != NumberDataViewType.Single)
            throw new ArgumentException($"Feature column '{name}' has type {column.Type}; expected a known-size vector of Single (use mlContext.Transforms.Concatenate to build one).", "featureColumnName");
        return column;
    }

    /// <summary>The label column.</summary>
    /// <exception cref="ArgumentException">Missing; names the column.</exception>
    public static DataViewSchema.Column LabelColumn(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name)
        ?? throw new ArgumentException($"Label column '{name}' was not found; the data has {Describe(schema)}.", "labelColumnName");

    /// <summary>Reads every row into a <see cref="TrainingSet"/>.</summary>
    /// <exception cref="ArgumentException">No rows, or a non-finite feature value (naming column, row and slot).</exception>
    /// <exception cref="InvalidOperationException">A bad label (naming column and row).</exception>
    public static TrainingSet Read(IDataView data, string featureColumnName, string labelColumnName, PredictionHead head, string role, CancellationToken cancellation)
    {
        var features = FeatureColumn(data.Schema, featureColumnName);
        var label = LabelColumn(data.Schema, labelColumnName);
        int size = ((VectorDataViewType)features.Type).Size;
        var featureValues = new List<float>();
        var targetValues = new List<float>();
        var row = new float[size];
        var target = new float[head.Units];
        VBuffer<float> buffer = default;
        using (var cursor = data.GetRowCursor([features, label]))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            var writeTarget = head.CreateTargetWriter(cursor, label);
            long index = 0;
            while (cursor.MoveNext())
            {
                if ((index & 1023) == 0) cancellation.ThrowIfCancellationRequested();
                getFeatures(ref buffer);
                buffer.CopyTo(row);
                for (int j = 0; j < size; j++)
                    if (!float.IsFinite(row[j]))
                        throw new ArgumentException($"Feature column '{featureColumnName}' has the value {row[j]} at {role} row {index}, slot {j}; features must be finite (replace missing values with mlContext.Transforms.ReplaceMissingValues).", "featureColumnName");
                writeTarget(target, index);
                featureValues.AddRange(row);
                targetValues.AddRange(target);
                index++;
            }
            if (index == 0) throw new ArgumentException($"The {role} data has no rows.", "input");
        }
        return new TrainingSet(featureValues.ToArray(), [size], targetValues.ToArray(), head.Units);
    }

    /// <summary>Splits off a seeded random <paramref name="fraction"/> of the rows as validation data.</summary>
    public static (TrainingSet Training, TrainingSet Validation) Split(TrainingSet data, float fraction, RandomSource random)
    {
        int validationCount = (int)Math.Round(data.Count * (double)fraction);
        validationCount = Math.Clamp(validationCount, 1, data.Count - 1);
        var order = Enumerable.Range(0, data.Count).ToArray();
        random.Shuffle(order.AsSpan());
        var validationRows = order.AsSpan(0, validationCount).ToArray();
        Array.Sort(validationRows);
        var trainingRows = order.AsSpan(validationCount).ToArray();
        Array.Sort(trainingRows);
        return (Take(data, trainingRows), Take(data, validationRows));
    }

    private static TrainingSet Take(TrainingSet data, int[] rows)
    {
        var features = new Tensor(Tensor.BatchShape(rows.Length, data.FeatureShape));
        var targets = new Tensor(rows.Length, data.TargetWidth);
        data.Gather(rows, features, targets);
        return new TrainingSet(features.Data, data.FeatureShape, targets.Data, data.TargetWidth);
    }

    private static string Describe(DataViewSchema schema) =>
        schema.Count == 0 ? "no columns" : "columns " + string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"));
}

using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
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

    /// <summary>
    /// Reads every row into a <see cref="TrainingSet"/>: straight into arrays of the right size when the
    /// view knows its row count (a cached or in-memory view does), else into arrays that grow by doubling.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or a non-finite feature value (naming column, row and slot).</exception>
    /// <exception cref="InvalidOperationException">A bad label (naming column and row).</exception>
    public static TrainingSet Read(IDataView data, string featureColumnName, string labelColumnName, PredictionHead head, string role, CancellationToken cancellation)
    {
        var features = FeatureColumn(data.Schema, featureColumnName);
        var label = LabelColumn(data.Schema, labelColumnName);
        int size = ((VectorDataViewType)features.Type).Size, units = head.Units;
        long known = data.GetRowCount() ?? -1;
        int capacity = known >= 0 && known <= int.MaxValue / Math.Max(size, units) ? (int)known : 1024;
        var featureValues = new float[(long)capacity * size];
        var targetValues = new float[(long)capacity * units];
        VBuffer<float> buffer = default;
        int index = 0;
        using (var cursor = data.GetRowCursor([features, label]))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            var writeTarget = head.CreateTargetWriter(cursor, label);
            while (cursor.MoveNext())
            {
                if ((index & 1023) == 0) cancellation.ThrowIfCancellationRequested();
                if (index == capacity)
                {
                    capacity = checked(capacity * 2);
                    Array.Resize(ref featureValues, checked(capacity * size));
                    Array.Resize(ref targetValues, checked(capacity * units));
                }
                getFeatures(ref buffer);
                var row = featureValues.AsSpan(index * size, size);
                buffer.CopyTo(row);
                CheckFinite(row, featureColumnName, role, index);
                writeTarget(targetValues.AsSpan(index * units, units), index);
                index++;
            }
        }
        if (index == 0) throw new ArgumentException($"The {role} data has no rows.", "input");
        if (index < capacity)
        {
            Array.Resize(ref featureValues, index * size);
            Array.Resize(ref targetValues, index * units);
        }
        return new TrainingSet(featureValues, [size], targetValues, units);
    }

    // A NaN or ±∞ makes the sum non-finite; only then (or on overflow) is the row searched for the slot to name.
    private static void CheckFinite(ReadOnlySpan<float> row, string featureColumnName, string role, int index)
    {
        if (float.IsFinite(TensorPrimitives.Sum(row))) return;
        for (int j = 0; j < row.Length; j++)
            if (!float.IsFinite(row[j]))
                throw new ArgumentException($"Feature column '{featureColumnName}' has the value {row[j]} at {role} row {index}, slot {j}; features must be finite (replace missing values with mlContext.Transforms.ReplaceMissingValues).", "featureColumnName");
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

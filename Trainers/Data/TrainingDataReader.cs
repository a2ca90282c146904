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
        int size = ((VectorDataViewType)FeatureColumn(data.Schema, featureColumnName).Type).Size;
        var binding = new ColumnBinding(Network.InputName, featureColumnName, [size], FromGraph: false);
        var (columns, targets) = Read(data, [binding], labelColumnName, head, role, cancellation);
        return new TrainingSet(columns[0], [size], targets, head.Units);
    }

    /// <summary>
    /// Reads every row of the bound columns (checked beforehand with <see cref="GraphColumns"/>) and the targets: one
    /// row-major array per binding, then the targets.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or a non-finite value (naming column, row and slot).</exception>
    /// <exception cref="InvalidOperationException">A bad label (naming column and row).</exception>
    public static (float[][] Columns, float[] Targets) Read(IDataView data, IReadOnlyList<ColumnBinding> bindings, string labelColumnName,
        PredictionHead head, string role, CancellationToken cancellation)
    {
        var columns = bindings.Select(b => data.Schema.GetColumnOrNull(b.Column)
            ?? throw new ArgumentException($"{b.Describe()} was not found in the {role} data; it has {Describe(data.Schema)}.", b.Option)).ToArray();
        var label = LabelColumn(data.Schema, labelColumnName);
        var sizes = bindings.Select(b => b.Size).ToArray();
        int units = head.Units, widest = Math.Max(sizes.Max(), units);
        long known = data.GetRowCount() ?? -1;
        int capacity = known >= 0 && known <= int.MaxValue / widest ? (int)known : 1024;
        var values = sizes.Select(size => new float[(long)capacity * size]).ToArray();
        var targetValues = new float[(long)capacity * units];
        var buffers = new VBuffer<float>[columns.Length];
        int index = 0;
        using (var cursor = data.GetRowCursor([.. columns, label]))
        {
            var getters = columns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
            var writeTarget = head.CreateTargetWriter(cursor, label);
            while (cursor.MoveNext())
            {
                if ((index & 1023) == 0) cancellation.ThrowIfCancellationRequested();
                if (index == capacity)
                {
                    capacity = checked(capacity * 2);
                    for (int c = 0; c < values.Length; c++) Array.Resize(ref values[c], checked(capacity * sizes[c]));
                    Array.Resize(ref targetValues, checked(capacity * units));
                }
                for (int c = 0; c < columns.Length; c++)
                {
                    getters[c](ref buffers[c]);
                    var row = values[c].AsSpan(index * sizes[c], sizes[c]);
                    buffers[c].CopyTo(row);
                    CheckFinite(row, bindings[c], role, index);
                }
                writeTarget(targetValues.AsSpan(index * units, units), index);
                index++;
            }
        }
        if (index == 0) throw new ArgumentException($"The {role} data has no rows.", "input");
        if (index < capacity)
        {
            for (int c = 0; c < values.Length; c++) Array.Resize(ref values[c], index * sizes[c]);
            Array.Resize(ref targetValues, index * units);
        }
        return (values, targetValues);
    }

    // A NaN or ±∞ makes the sum non-finite; only then (or on overflow) is the row searched for the slot to name.
    private static void CheckFinite(ReadOnlySpan<float> row, ColumnBinding binding, string role, int index)
    {
        if (float.IsFinite(TensorPrimitives.Sum(row))) return;
        for (int j = 0; j < row.Length; j++)
            if (!float.IsFinite(row[j]))
                throw new ArgumentException($"{binding.Describe()} has the value {row[j]} at {role} row {index}, slot {j}; features must be finite (replace missing values with mlContext.Transforms.ReplaceMissingValues).", binding.Option);
    }

    /// <summary>Splits off a seeded random <paramref name="fraction"/> of the rows as validation data.</summary>
    public static (TrainingSet Training, TrainingSet Validation) Split(TrainingSet data, float fraction, RandomSource random)
    {
        var (trainingRows, validationRows) = SplitRows(data.Count, fraction, random);
        return (Take(data, trainingRows), Take(data, validationRows));
    }

    /// <summary>A seeded random <paramref name="fraction"/> of <paramref name="count"/> rows for validation (at least one,
    /// and at least one left): the training rows and the validation rows, each in increasing order.</summary>
    public static (int[] Training, int[] Validation) SplitRows(int count, float fraction, RandomSource random)
    {
        int validationCount = (int)Math.Round(count * (double)fraction);
        validationCount = Math.Clamp(validationCount, 1, count - 1);
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order.AsSpan());
        var validationRows = order.AsSpan(0, validationCount).ToArray();
        Array.Sort(validationRows);
        var trainingRows = order.AsSpan(validationCount).ToArray();
        Array.Sort(trainingRows);
        return (trainingRows, validationRows);
    }

    /// <summary>Rows <paramref name="rows"/> of a row-major array of <paramref name="size"/> values per row.</summary>
    public static float[] TakeRows(float[] values, int size, int[] rows)
    {
        var taken = new float[(long)rows.Length * size];
        for (int i = 0; i < rows.Length; i++) values.AsSpan(rows[i] * size, size).CopyTo(taken.AsSpan(i * size, size));
        return taken;
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

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// Which of the user's input columns each feature slot comes from, read from the pipeline's slot names: ML.NET's
/// concatenation names a scalar column's slot after the column and a vector column's slots <c>Column.Slot</c> (a
/// one-hot column's slots are its categories; normalising keeps the names). A slot goes to the longest input column
/// whose name is the slot's or one of its dot-separated parts (<c>Town.south</c>, <c>Numeric.age</c>); a slot no input
/// column claims goes to the part of its name before the first dot; without slot names every slot belongs to the
/// feature column.
/// </summary>
public sealed class FeatureSources
{
    private FeatureSources(string[] slotNames, string[] columns, int[] columnOfSlot)
    {
        SlotNames = slotNames;
        Columns = columns;
        ColumnOfSlot = columnOfSlot;
    }

    /// <summary>The feature slots' names (<c>Features[i]</c> where the pipeline gave none).</summary>
    public IReadOnlyList<string> SlotNames { get; }

    /// <summary>The source columns, in the order they first appear among the slots.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>For each slot, its index in <see cref="Columns"/>.</summary>
    public IReadOnlyList<int> ColumnOfSlot { get; }

    /// <summary>The map for feature column <paramref name="feature"/> (of the scored rows), whose slots come from
    /// the columns of <paramref name="input"/>.</summary>
    public static FeatureSources Of(DataViewSchema input, DataViewSchema.Column feature)
    {
        ArgumentNullException.ThrowIfNull(input);
        int size = ((VectorDataViewType)feature.Type).Size;
        var names = new string[size];
        VBuffer<ReadOnlyMemory<char>> slots = default;
        bool named = feature.Annotations.Schema.GetColumnOrNull("SlotNames") is { Type: VectorDataViewType { Size: var n } }
            && n == size;
        if (named) feature.GetSlotNames(ref slots);
        var dense = named ? slots.DenseValues().Select(s => s.ToString()).ToArray() : [];
        var candidates = input.Where(c => !c.IsHidden).Select(c => c.Name).OrderByDescending(n => n.Length).ToArray();
        var columns = new List<string>();
        var columnOfSlot = new int[size];
        for (int i = 0; i < size; i++)
        {
            string slot = i < dense.Length && dense[i].Length > 0 ? dense[i] : $"{feature.Name}[{i}]";
            names[i] = slot;
            string source = !named ? feature.Name
                : candidates.FirstOrDefault(c => Names(slot, c)) ?? slot.Split('.')[0];
            int index = columns.IndexOf(source);
            if (index < 0)
            {
                index = columns.Count;
                columns.Add(source);
            }
            columnOfSlot[i] = index;
        }
        return new FeatureSources(names, [.. columns], columnOfSlot);
    }

    // Whether the slot is named after the column: the whole name, or a dot-separated part of it (a slot of an intermediate
    // concatenation, such as Numeric.age inside Features, is Numeric.age after the outer one).
    private static bool Names(string slot, string column) =>
        slot == column || slot.StartsWith(column + ".", StringComparison.Ordinal) || slot.EndsWith("." + column, StringComparison.Ordinal)
        || slot.Contains("." + column + ".", StringComparison.Ordinal);

    /// <summary>Per source column, the sum of its slots' attributions (integrated gradients stay complete).</summary>
    public float[] Sum(ReadOnlySpan<float> slotValues)
    {
        var sums = new float[Columns.Count];
        for (int i = 0; i < slotValues.Length; i++) sums[ColumnOfSlot[i]] += slotValues[i];
        return sums;
    }
}

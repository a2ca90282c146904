using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Cli.Training;

namespace MLExt.Cli.Prediction;

/// <summary>
/// Which scored columns a predictions file holds, in order: <c>PredictedLabel</c> (the class as spelt in the
/// data: from <c>PredictedClass</c> when the model has it, else the key's value or the Boolean),
/// <c>Probability</c>, and <c>Score</c> (one column per slot of a vector, named after its class).
/// </summary>
internal static class PredictionColumns
{
    /// <summary>The columns of <paramref name="scored"/> to write.</summary>
    /// <exception cref="UserException">The model produces none of ML.NET's prediction columns.</exception>
    public static List<PredictionColumn> Find(DataViewSchema scored)
    {
        var columns = new List<PredictionColumn>();
        if (scored.GetColumnOrNull(ModelFile.PredictedClassColumn) is { Type: TextDataViewType } predictedClass)
            columns.Add(new("PredictedLabel", predictedClass, row => Text(row, predictedClass)));
        else if (scored.GetColumnOrNull("PredictedLabel") is { } label)
            columns.Add(new("PredictedLabel", label, row => Label(row, label)));
        if (scored.GetColumnOrNull("Probability") is { Type: NumberDataViewType } probability && probability.Type == NumberDataViewType.Single)
            columns.Add(new("Probability", probability, row => Number(row, probability)));
        if (scored.GetColumnOrNull("Score") is { } score)
        {
            if (score.Type == NumberDataViewType.Single)
                columns.Add(new("Score", score, row => Number(row, score)));
            else if (score.Type is VectorDataViewType { ItemType: var item, Size: > 0 } vector && item == NumberDataViewType.Single)
            {
                var names = SlotNames(score, vector.Size);
                for (int slot = 0; slot < vector.Size; slot++)
                {
                    int index = slot;
                    columns.Add(new($"Score[{names[slot]}]", score, row => Slot(row, score, index)));
                }
            }
        }
        if (columns.Count == 0)
            throw new UserException("--model: the model produces no PredictedLabel, Probability or Score column to write");
        return columns;
    }

    private static Func<string> Text(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> value = default;
        return () => { getter(ref value); return value.ToString(); };
    }

    private static Func<string> Number(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<float>(column);
        float value = 0;
        return () => { getter(ref value); return value.ToString("R", CultureInfo.InvariantCulture); };
    }

    private static Func<string> Slot(DataViewRow row, DataViewSchema.Column column, int slot)
    {
        var getter = row.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        return () => { getter(ref value); return value.GetItemOrDefault(slot).ToString("R", CultureInfo.InvariantCulture); };
    }

    private static Func<string> Label(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type is BooleanDataViewType)
        {
            var getter = row.GetGetter<bool>(column);
            bool value = false;
            return () => { getter(ref value); return value ? "true" : "false"; };
        }
        if (column.Type is KeyDataViewType { RawType: var raw } key && raw == typeof(uint))
        {
            var getter = row.GetGetter<uint>(column);
            var names = KeyValues(column, (int)key.Count);
            uint value = 0;
            // Key 0 is "missing"; key k is the k-th key value.
            return () => { getter(ref value); return value == 0 ? "" : names?[value - 1] ?? value.ToString(CultureInfo.InvariantCulture); };
        }
        throw new UserException($"--model: its PredictedLabel column has type {column.Type}, which predict cannot write");
    }

    private static string[] SlotNames(DataViewSchema.Column column, int size)
    {
        if (column.Annotations.Schema.GetColumnOrNull("SlotNames") is { Type: VectorDataViewType { ItemType: TextDataViewType, Size: var count } } && count == size)
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            column.Annotations.GetValue("SlotNames", ref names);
            return names.DenseValues().Select(n => n.ToString()).ToArray();
        }
        return Enumerable.Range(0, size).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    private static string[]? KeyValues(DataViewSchema.Column column, int count)
    {
        if (column.Annotations.Schema.GetColumnOrNull("KeyValues") is not { Type: VectorDataViewType { ItemType: TextDataViewType, Size: var size } } || size != count)
            return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.Annotations.GetValue("KeyValues", ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }
}

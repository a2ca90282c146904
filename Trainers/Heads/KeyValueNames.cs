using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>Reads a key column's key values (its class names) as text, for slot names.</summary>
internal static class KeyValueNames
{
    /// <summary>The <paramref name="count"/> key values of <paramref name="column"/> as text, or null when it has none.</summary>
    public static string[]? Get(DataViewSchema.Column column, int count)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (annotation is not { Type: VectorDataViewType { Size: var size } vector } || size != count) return null;
        var method = typeof(KeyValueNames).GetMethod(nameof(Read), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(vector.ItemType.RawType);
        return (string[])method.Invoke(null, [column.Annotations, annotation.Value])!;
    }

    private static string[] Read<T>(DataViewSchema.Annotations annotations, DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        annotations.GetValue(column.Name, ref values);
        return values.DenseValues().Select(v => v switch
        {
            ReadOnlyMemory<char> text => text.ToString(),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => v?.ToString() ?? "",
        }).ToArray();
    }
}

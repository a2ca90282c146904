using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.LoadCheck;

/// <summary>A column's name, type and standard annotations as text.</summary>
public sealed class ColumnReport
{
    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    public string? SlotNames { get; set; }

    /// <summary>The key values, with their type, such as <c>Vector&lt;String, 3&gt;: a|b|c</c>.</summary>
    public string? KeyValues { get; set; }

    public static ColumnReport Describe(DataViewSchema.Column column) => new()
    {
        Name = column.Name,
        Type = column.Type.ToString() ?? "",
        SlotNames = Annotation(column, "SlotNames"),
        KeyValues = Annotation(column, "KeyValues"),
    };

    public override string ToString() => $"{Name}: {Type}; slot names {SlotNames ?? "none"}; key values {KeyValues ?? "none"}";

    private static string? Annotation(DataViewSchema.Column column, string kind)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        if (annotation is not { Type: VectorDataViewType vector } found) return null;
        var method = typeof(ColumnReport).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(vector.ItemType.RawType);
        return $"{vector}: " + (string)method.Invoke(null, [column.Annotations, found.Name])!;
    }

    private static string Read<T>(DataViewSchema.Annotations annotations, string name)
    {
        VBuffer<T> values = default;
        annotations.GetValue(name, ref values);
        return string.Join("|", values.DenseValues().Select(v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString() ?? ""));
    }
}

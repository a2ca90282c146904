using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Evaluation.Data;

/// <summary>Finds columns by name and reads them as numbers or text, with errors that name the column and what was expected.</summary>
internal static class ColumnReader
{
    /// <summary>The column called <paramref name="name"/>, or an error naming its <paramref name="role"/> and the columns that exist.</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public static DataViewSchema.Column Require(DataViewSchema schema, string? name, string role)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException($"The {role} column name is empty.", nameof(name));
        var column = schema.GetColumnOrNull(name);
        if (column is null)
            throw new ArgumentException(
                $"The {role} column '{name}' was not found in the data. Its columns are: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.",
                nameof(name));
        return column.Value;
    }

    /// <summary>Whether the column's type can be read by <see cref="ScalarGetter"/>.</summary>
    public static bool IsScalar(DataViewType type) => type is BooleanDataViewType || type is KeyDataViewType || type is NumberDataViewType;

    /// <summary>
    /// A getter reading a scalar column as a double: numbers as they are, booleans as 1 or 0, keys as their
    /// zero-based index (the missing key 0 as NaN, as ML.NET's evaluators read labels).
    /// </summary>
    /// <exception cref="ArgumentException">The column is not a scalar number, boolean or key.</exception>
    public static ValueGetter<double> ScalarGetter(DataViewRow row, DataViewSchema.Column column, string role)
    {
        var type = column.Type;
        if (type is BooleanDataViewType)
            return Map<bool>(row, column, b => b ? 1 : 0);
        if (type is KeyDataViewType key)
        {
            return key.RawType switch
            {
                var t when t == typeof(uint) => Map<uint>(row, column, k => k == 0 ? double.NaN : k - 1.0),
                var t when t == typeof(ulong) => Map<ulong>(row, column, k => k == 0 ? double.NaN : k - 1.0),
                var t when t == typeof(ushort) => Map<ushort>(row, column, k => k == 0 ? double.NaN : k - 1.0),
                var t when t == typeof(byte) => Map<byte>(row, column, k => k == 0 ? double.NaN : k - 1.0),
                _ => throw TypeError(column, role),
            };
        }
        return type.RawType switch
        {
            var t when t == typeof(float) => Map<float>(row, column, v => v),
            var t when t == typeof(double) => Map<double>(row, column, v => v),
            var t when t == typeof(int) => Map<int>(row, column, v => v),
            var t when t == typeof(long) => Map<long>(row, column, v => v),
            var t when t == typeof(uint) => Map<uint>(row, column, v => v),
            var t when t == typeof(ulong) => Map<ulong>(row, column, v => v),
            var t when t == typeof(short) => Map<short>(row, column, v => v),
            var t when t == typeof(ushort) => Map<ushort>(row, column, v => v),
            var t when t == typeof(byte) => Map<byte>(row, column, v => v),
            var t when t == typeof(sbyte) => Map<sbyte>(row, column, v => v),
            _ => throw TypeError(column, role),
        };
    }

    /// <summary>A getter reading a scalar column as text: text as it is, anything scalar formatted invariantly (for group ids).</summary>
    public static ValueGetter<string> TextGetter(DataViewRow row, DataViewSchema.Column column, string role)
    {
        if (column.Type is TextDataViewType)
        {
            var text = row.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> buffer = default;
            return (ref string value) =>
            {
                text(ref buffer);
                value = buffer.ToString();
            };
        }
        var number = ScalarGetter(row, column, role);
        return (ref string value) =>
        {
            double d = 0;
            number(ref d);
            value = d.ToString("R", CultureInfo.InvariantCulture);
        };
    }

    /// <summary>A getter reading a float-vector column as a dense array of its known size.</summary>
    /// <exception cref="ArgumentException">The column is not a vector of Single of known size.</exception>
    public static ValueGetter<float[]> VectorGetter(DataViewRow row, DataViewSchema.Column column, string role, out int size)
    {
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType item } vector || item.RawType != typeof(float) || vector.Size == 0)
            throw new ArgumentException(
                $"The {role} column '{column.Name}' must be a vector of Single of known size (one value per class); it is {column.Type}.", "columnName");
        size = vector.Size;
        int length = size;
        var getter = row.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        return (ref float[] value) =>
        {
            getter(ref buffer);
            value ??= new float[length];
            buffer.CopyTo(value);
        };
    }

    /// <summary>The names of a vector column's slots, or of a key column's values, or null when it has none.</summary>
    public static string[]? SlotOrKeyNames(DataViewSchema.Column column, int count)
    {
        var annotations = column.Annotations;
        string kind = column.Type is KeyDataViewType ? "KeyValues" : "SlotNames";
        var annotation = annotations.Schema.GetColumnOrNull(kind);
        if (annotation is null || annotation.Value.Type is not VectorDataViewType { ItemType: TextDataViewType } names || names.Size != count)
            return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        annotations.GetValue(kind, ref values);
        var result = new string[count];
        int i = 0;
        foreach (var name in values.DenseValues())
            result[i++] = name.ToString();
        return result;
    }

    private static ValueGetter<double> Map<T>(DataViewRow row, DataViewSchema.Column column, Func<T, double> convert)
    {
        var getter = row.GetGetter<T>(column);
        T raw = default!;
        return (ref double value) =>
        {
            getter(ref raw);
            value = convert(raw);
        };
    }

    private static ArgumentException TypeError(DataViewSchema.Column column, string role) =>
        new($"The {role} column '{column.Name}' must be a scalar number, Boolean or key; it is {column.Type}.", "columnName");
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Evaluation.Importance;

/// <summary>A data view whose one column reads, at row i, the value of row <c>order[i]</c>; the other columns pass
/// through. The column's values are read into memory once.</summary>
internal sealed class PermutedColumnDataView : IDataView
{
    private readonly IDataView _source;
    private readonly DataViewSchema.Column _column;
    private readonly int[] _order;
    private readonly Func<DataViewRow, Delegate> _getter;

    public PermutedColumnDataView(IDataView source, DataViewSchema.Column column, int[] order)
    {
        _source = source;
        _column = column;
        _order = order;
        var read = typeof(PermutedColumnDataView).GetMethod(nameof(ReadValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(column.Type.RawType);
        _getter = (Func<DataViewRow, Delegate>)read.Invoke(null, [source, column, order])!;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount() => _order.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new PermutedColumnCursor(_source.GetRowCursor(columnsNeeded), _column, _getter);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    // The permuted getter of a row: at row i, a copy of the value of row order[i].
    private static Func<DataViewRow, Delegate> ReadValues<T>(IDataView source, DataViewSchema.Column column, int[] order)
    {
        var values = new List<T>();
        using (var cursor = source.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<T>(column);
            while (cursor.MoveNext())
            {
                T value = default!;
                getter(ref value);
                values.Add(Own(value));
            }
        }
        if (values.Count != order.Length)
            throw new InvalidOperationException($"The data read {values.Count} rows, then {order.Length}: permutation " +
                "importance needs data that reads the same rows every time.");
        return row => (ValueGetter<T>)((ref T value) => value = Give(values[order[row.Position]], value));
    }

    // Copies that do not share buffers with the cursor (text spans, vector buffers).
    private static T Own<T>(T value) => value switch
    {
        ReadOnlyMemory<char> text => (T)(object)text.ToString().AsMemory(),
        VBuffer<float> floats => (T)(object)Copy(floats),
        VBuffer<ReadOnlyMemory<char>> texts => (T)(object)Copy(texts),
        _ => value,
    };

    // Vectors are copied into the caller's buffer, which the caller may edit; other values are immutable.
    private static T Give<T>(T stored, T destination)
    {
        if (stored is VBuffer<float> floats && destination is VBuffer<float> into)
        {
            floats.CopyTo(ref into);
            return (T)(object)into;
        }
        return stored is VBuffer<ReadOnlyMemory<char>> texts ? (T)(object)Copy(texts) : stored;
    }

    private static VBuffer<TItem> Copy<TItem>(VBuffer<TItem> buffer)
    {
        VBuffer<TItem> copy = default;
        buffer.CopyTo(ref copy);
        return copy;
    }
}

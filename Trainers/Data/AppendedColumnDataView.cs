using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>A data view with one more column: a float vector per row, given in the source's row order.</summary>
internal sealed class AppendedColumnDataView : IDataView
{
    private readonly IDataView _source;
    private readonly float[][] _values;

    public AppendedColumnDataView(IDataView source, string name, float[][] values)
    {
        _source = source;
        _values = values;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(source.Schema);
        builder.AddColumn(name, new VectorDataViewType(NumberDataViewType.Single, values.Length == 0 ? 0 : values[0].Length));
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _values.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        int appended = Schema.Count - 1;
        var source = _source.GetRowCursor(needed.Where(c => c.Index < appended).Select(c => _source.Schema[c.Index]));
        return new AppendedColumnCursor(source, Schema, _values, needed.Any(c => c.Index == appended));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}

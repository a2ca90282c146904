using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>The cursor of <see cref="AppendedColumnDataView"/>: the source's columns, and the appended one read by row position.</summary>
internal sealed class AppendedColumnCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _source;
    private readonly float[][] _values;
    private readonly bool _appendedActive;

    public AppendedColumnCursor(DataViewRowCursor source, DataViewSchema schema, float[][] values, bool appendedActive)
    {
        _source = source;
        Schema = schema;
        _values = values;
        _appendedActive = appendedActive;
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _source.Position;

    public override long Batch => _source.Batch;

    public override bool MoveNext()
    {
        if (!_source.MoveNext()) return false;
        if (_source.Position >= _values.Length)
            throw new InvalidOperationException($"The data has more rows than the {_values.Length} it had when the ensemble's members predicted them.");
        return true;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => _source.GetIdGetter();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < Schema.Count - 1)
            return _source.GetGetter<TValue>(_source.Schema[column.Index]);
        if (typeof(TValue) != typeof(VBuffer<float>))
            throw new InvalidOperationException($"Column '{column.Name}' holds VBuffer<Single>, not {typeof(TValue).Name}.");
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
        {
            var row = _values[_source.Position];
            var editor = VBufferEditor.Create(ref value, row.Length);
            row.CopyTo(editor.Values);
            value = editor.Commit();
        };
        return (ValueGetter<TValue>)(Delegate)getter;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < Schema.Count - 1 ? _source.IsColumnActive(_source.Schema[column.Index]) : _appendedActive;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _source.Dispose();
        base.Dispose(disposing);
    }
}

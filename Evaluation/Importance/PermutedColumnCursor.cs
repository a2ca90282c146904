using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Evaluation.Importance;

/// <summary>A cursor of <see cref="PermutedColumnDataView"/>: the source's rows with the permuted column's getter.</summary>
internal sealed class PermutedColumnCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _source;
    private readonly DataViewSchema.Column _column;
    private readonly Func<DataViewRow, Delegate> _permuted;

    public PermutedColumnCursor(DataViewRowCursor source, DataViewSchema.Column column, Func<DataViewRow, Delegate> permuted)
    {
        _source = source;
        _column = column;
        _permuted = permuted;
    }

    public override DataViewSchema Schema => _source.Schema;

    public override long Position => _source.Position;

    public override long Batch => 0;

    public override bool MoveNext() => _source.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => _source.GetIdGetter();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        column.Index == _column.Index ? (ValueGetter<TValue>)_permuted(this) : _source.GetGetter<TValue>(column);

    public override bool IsColumnActive(DataViewSchema.Column column) => _source.IsColumnActive(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _source.Dispose();
        base.Dispose(disposing);
    }
}

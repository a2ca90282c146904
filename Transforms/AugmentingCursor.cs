using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// The cursor of MLExt's augmenting data views: it stays on each input row for that row's output rows (the copies),
/// passes every column through, and leaves the augmented column's getter to the subclass.
/// </summary>
internal abstract class AugmentingCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly int _rowsPerInput, _augmentedColumn;
    private long _position = -1;

    protected AugmentingCursor(DataViewRowCursor input, int rowsPerInput, int augmentedColumn)
    {
        _input = input;
        _rowsPerInput = rowsPerInput;
        _augmentedColumn = augmentedColumn;
    }

    /// <summary>The input cursor, on the row being copied.</summary>
    protected DataViewRowCursor Input => _input;

    /// <summary>The copy of the current input row: 0 … rows per input − 1.</summary>
    protected int Copy { get; private set; } = -1;

    public override long Position => _position;

    public override long Batch => 0;

    public override DataViewSchema Schema => _input.Schema;

    public override bool MoveNext()
    {
        if (Copy >= 0 && Copy + 1 < _rowsPerInput)
        {
            Copy++;
            _position++;
            return true;
        }
        if (!_input.MoveNext()) return false;
        Copy = 0;
        _position++;
        return true;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _input.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        column.Index == _augmentedColumn ? AugmentedGetter<TValue>(column) : _input.GetGetter<TValue>(column);

    /// <summary>The getter of the augmented column.</summary>
    protected abstract ValueGetter<TValue> AugmentedGetter<TValue>(DataViewSchema.Column column);

    public override ValueGetter<DataViewRowId> GetIdGetter()
    {
        var inputId = _input.GetIdGetter();
        return (ref DataViewRowId value) =>
        {
            DataViewRowId id = default;
            inputId(ref id);
            value = id.Combine(new DataViewRowId((ulong)Copy, 0));
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Evaluation.Data;

/// <summary>Walks a source cursor and stops only on the selected rows.</summary>
internal sealed class RowSubsetCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _source;
    private readonly bool[] _include;
    private long _sourceRow = -1;
    private long _position = -1;

    public RowSubsetCursor(DataViewRowCursor source, bool[] include)
    {
        _source = source;
        _include = include;
    }

    public override DataViewSchema Schema => _source.Schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool MoveNext()
    {
        while (_source.MoveNext())
        {
            _sourceRow++;
            if (_sourceRow >= _include.Length)
                throw new InvalidOperationException(
                    $"The data has more rows than the {_include.Length} it had when the folds were assigned; cross-validation needs data that reads the same rows every time.");
            if (_include[_sourceRow])
            {
                _position++;
                return true;
            }
        }
        return false;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => _source.GetIdGetter();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _source.GetGetter<TValue>(column);

    public override bool IsColumnActive(DataViewSchema.Column column) => _source.IsColumnActive(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _source.Dispose();
        base.Dispose(disposing);
    }
}

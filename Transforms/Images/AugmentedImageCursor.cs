using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// A cursor over <see cref="AugmentedImageDataView"/>: it stays on each input row for that row's output rows. Image
/// getters follow ML.NET's convention for <see cref="MLImage"/> values: each call disposes the image previously
/// handed out in the same variable and returns a new one. Source images are never disposed here: they belong to the
/// input (a loader disposes its own on the next read; in-memory rows keep theirs).
/// </summary>
internal sealed class AugmentedImageCursor : DataViewRowCursor
{
    private readonly AugmentedImageDataView _view;
    private readonly DataViewRowCursor _input;
    private readonly int _imageColumn;
    private ValueGetter<MLImage>? _sourceGetter;
    private MLImage? _source;
    private long _sourceRow = -1, _position = -1;
    private int _copy = -1;

    public AugmentedImageCursor(AugmentedImageDataView view, DataViewRowCursor input, int imageColumn)
    {
        _view = view;
        _input = input;
        _imageColumn = imageColumn;
    }

    public override long Position => _position;

    public override long Batch => 0;

    public override DataViewSchema Schema => _input.Schema;

    public override bool MoveNext()
    {
        if (_copy >= 0 && _copy + 1 < _view.RowsPerInput)
        {
            _copy++;
            _position++;
            return true;
        }
        if (!_input.MoveNext()) return false;
        _copy = 0;
        _position++;
        return true;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _input.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index != _imageColumn) return _input.GetGetter<TValue>(column);
        if (typeof(TValue) != typeof(MLImage))
            throw new InvalidOperationException($"Column '{column.Name}' holds MLImage values, not {typeof(TValue).Name}.");
        _sourceGetter ??= _input.GetGetter<MLImage>(column);
        ValueGetter<MLImage> getter = (ref MLImage value) =>
        {
            var source = Source();
            value?.Dispose();
            value = source is null ? null! : _view.Make(source, _input.Position, _copy);
        };
        return (ValueGetter<TValue>)(Delegate)getter;
    }

    /// <summary>The input row's image, read once per input row.</summary>
    private MLImage? Source()
    {
        if (_sourceRow != _input.Position)
        {
            _sourceGetter!(ref _source!);
            _sourceRow = _input.Position;
        }
        return _source;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter()
    {
        var inputId = _input.GetIdGetter();
        return (ref DataViewRowId value) =>
        {
            DataViewRowId id = default;
            inputId(ref id);
            value = id.Combine(new DataViewRowId((ulong)_copy, 0));
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose(); // the source image belongs to the input's getter (or to the caller's rows)
        base.Dispose(disposing);
    }
}

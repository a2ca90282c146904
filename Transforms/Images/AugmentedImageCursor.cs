using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// A cursor over <see cref="AugmentedImageDataView"/>: it stays on each input row for that row's output rows. Image
/// getters follow ML.NET's convention for <see cref="MLImage"/> values: each call disposes the image previously
/// handed out in the same variable and returns a new one. Source images are never disposed here: they belong to the
/// input (a loader disposes its own on the next read; in-memory rows keep theirs).
/// </summary>
internal sealed class AugmentedImageCursor : AugmentingCursor
{
    private readonly AugmentedImageDataView _view;
    private ValueGetter<MLImage>? _sourceGetter;
    private MLImage? _source;
    private long _sourceRow = -1;

    public AugmentedImageCursor(AugmentedImageDataView view, DataViewRowCursor input, int imageColumn)
        : base(input, view.RowsPerInput, imageColumn)
    {
        _view = view;
    }

    protected override ValueGetter<TValue> AugmentedGetter<TValue>(DataViewSchema.Column column)
    {
        if (typeof(TValue) != typeof(MLImage))
            throw new InvalidOperationException($"Column '{column.Name}' holds MLImage values, not {typeof(TValue).Name}.");
        _sourceGetter ??= Input.GetGetter<MLImage>(column);
        ValueGetter<MLImage> getter = (ref MLImage value) =>
        {
            var source = Source();
            value?.Dispose();
            value = source is null ? null! : _view.Make(source, Input.Position, Copy);
        };
        return (ValueGetter<TValue>)(Delegate)getter;
    }

    /// <summary>The input row's image, read once per input row.</summary>
    private MLImage? Source()
    {
        if (_sourceRow != Input.Position)
        {
            _sourceGetter!(ref _source!);
            _sourceRow = Input.Position;
        }
        return _source;
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>A cursor over <see cref="AugmentedTextDataView"/>: it stays on each input row for that row's output rows.</summary>
internal sealed class AugmentedTextCursor : AugmentingCursor
{
    private readonly AugmentedTextDataView _view;

    public AugmentedTextCursor(AugmentedTextDataView view, DataViewRowCursor input, int textColumn)
        : base(input, view.RowsPerInput, textColumn)
    {
        _view = view;
    }

    protected override ValueGetter<TValue> AugmentedGetter<TValue>(DataViewSchema.Column column)
    {
        if (typeof(TValue) != typeof(ReadOnlyMemory<char>))
            throw new InvalidOperationException($"Column '{column.Name}' holds text (ReadOnlyMemory<char>) values, not {typeof(TValue).Name}.");
        var source = Input.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> text = default;
        ValueGetter<ReadOnlyMemory<char>> getter = (ref ReadOnlyMemory<char> value) =>
        {
            source(ref text);
            value = _view.Make(text, Input.Position, Copy);
        };
        return (ValueGetter<TValue>)(Delegate)getter;
    }
}

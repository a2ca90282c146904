using Microsoft.ML;

namespace MLExt.Evaluation.Data;

/// <summary>The rows of a source view whose position is selected, in source order: a fold's training or test set.</summary>
internal sealed class RowSubsetDataView : IDataView
{
    private readonly IDataView _source;
    private readonly bool[] _include;
    private readonly long _count;

    /// <param name="source">The data; its cursor order is the row numbering of <paramref name="include"/>.</param>
    /// <param name="include">Whether each source row is in the subset.</param>
    public RowSubsetDataView(IDataView source, bool[] include)
    {
        _source = source;
        _include = include;
        _count = include.LongCount(b => b);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount() => _count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new RowSubsetCursor(_source.GetRowCursor(columnsNeeded), _include);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}

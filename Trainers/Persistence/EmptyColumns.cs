using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// A data view with columns and no rows: what a saved model's built-in transforms are fitted on (they need the schema
/// only). ML.NET's in-memory views need a row class, which a model graph's variable set of input columns has not.
/// </summary>
internal sealed class EmptyColumns : IDataView
{
    public EmptyColumns(IEnumerable<(string Name, DataViewType Type)> columns)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var (name, type) in columns) builder.AddColumn(name, type);
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => 0;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(Schema);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(Schema)];

    private sealed class Cursor(DataViewSchema schema) : DataViewRowCursor
    {
        public override long Position => -1;

        public override long Batch => 0;

        public override DataViewSchema Schema => schema;

        public override bool MoveNext() => false;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            throw new InvalidOperationException("An empty view has no rows to read.");

        public override ValueGetter<DataViewRowId> GetIdGetter() => throw new InvalidOperationException("An empty view has no rows to read.");
    }
}

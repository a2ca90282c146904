using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// The data view of MLExt's augmenting data operations: each input row followed by its copies, every column passing
/// through except the augmented one, whose values the subclass's cursor makes on demand.
/// </summary>
internal abstract class AugmentingDataView : IDataView
{
    protected AugmentingDataView(IDataView input, DataViewSchema.Column column, int rowsPerInput)
    {
        Input = input;
        Column = column;
        RowsPerInput = rowsPerInput;
    }

    /// <summary>The data being augmented.</summary>
    protected IDataView Input { get; }

    /// <summary>The augmented column.</summary>
    protected DataViewSchema.Column Column { get; }

    /// <summary>Output rows per input row.</summary>
    public int RowsPerInput { get; }

    public bool CanShuffle => false;

    public DataViewSchema Schema => Input.Schema;

    public long? GetRowCount() => Input.GetRowCount() * RowsPerInput;

    public abstract DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>
    /// The column named <paramref name="name"/> when its type passes <paramref name="accepts"/>; errors name
    /// <paramref name="parameterName"/>, the catalog method's parameter.
    /// </summary>
    /// <exception cref="ArgumentException">Missing, or of another type (the message says <paramref name="expected"/>).</exception>
    public static DataViewSchema.Column FindColumn(IDataView input, string name, string parameterName, string role, Func<DataViewType, bool> accepts, string expected)
    {
        var column = input.Schema.GetColumnOrNull(name)
            ?? throw new ArgumentException($"{role} column '{name}' was not found; the data has columns {string.Join(", ", input.Schema.Select(c => $"'{c.Name}'"))}.", parameterName);
        if (!accepts(column.Type))
            throw new ArgumentException($"Column '{name}' has type {column.Type}; expected {expected}.", parameterName);
        return column;
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// Maps rows of an input schema to rows with the network's prediction columns appended (hiding
/// input columns of the same names, as ML.NET's own scorers do).
/// </summary>
internal sealed class ScoringMapper : IRowToRowMapper, IAppendingMapper
{
    private readonly NeuralNetworkTransformer _model;

    public ScoringMapper(NeuralNetworkTransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _model = model;
        InputSchema = inputSchema;
        InputColumns = model.Bindings.Select(b => FindInputColumn(inputSchema, b)).ToArray();
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var column in model.Head.OutputColumns) builder.AddColumn(column.Name, column.Type, column.Annotations);
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>The column of each graph input, in input order.</summary>
    public DataViewSchema.Column[] InputColumns { get; }

    /// <summary>Whether output column <paramref name="index"/> is computed (rather than passed through).</summary>
    public bool IsComputed(int index) => index >= InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new HashSet<int>();
        foreach (var column in dependingColumns)
        {
            if (IsComputed(column.Index)) needed.UnionWith(InputColumns.Select(c => c.Index));
            else needed.Add(column.Index);
        }
        return needed.Order().Select(i => InputSchema[i]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredRowView(input, this, activeColumns.Select(c => c.Index));
    }

    /// <summary>Getters for the computed columns over <paramref name="input"/>.</summary>
    public Delegate[] CreateGetters(DataViewRow input)
    {
        var getters = InputColumns.Select(c => input.GetGetter<VBuffer<float>>(c)).ToArray();
        var buffers = new VBuffer<float>[getters.Length];
        var scored = new ScoredRow(() => input.Position, destinations =>
        {
            for (int i = 0; i < getters.Length; i++)
            {
                getters[i](ref buffers[i]);
                buffers[i].CopyTo(destinations[i]);
            }
        }, _model.Runner);
        return Enumerable.Range(0, _model.Head.OutputColumns.Count).Select(i => _model.Head.CreateGetter(i, scored)).ToArray();
    }

    private static DataViewSchema.Column FindInputColumn(DataViewSchema schema, ColumnBinding binding)
    {
        var column = schema.GetColumnOrNull(binding.Column)
            ?? throw new ArgumentException($"{binding.Describe()} was not found in the input.", nameof(schema));
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType number } vector || number != NumberDataViewType.Single || vector.Size != binding.Size)
            throw new ArgumentException($"{binding.Describe()} must be a vector of {binding.Size} Single values, as in training, but has type {column.Type}.", nameof(schema));
        return column;
    }
}

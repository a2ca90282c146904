using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>An input row with the network's prediction columns appended (see <see cref="ScoringMapper"/>).</summary>
internal sealed class ScoredRowView : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly IAppendingMapper _mapper;
    private readonly bool[] _active;
    private readonly Delegate[]? _getters;

    public ScoredRowView(DataViewRow input, IAppendingMapper mapper, IEnumerable<int> activeColumns)
    {
        _input = input;
        _mapper = mapper;
        _active = new bool[mapper.OutputSchema.Count];
        foreach (int i in activeColumns) _active[i] = true;
        bool anyComputed = Enumerable.Range(mapper.InputSchema.Count, mapper.OutputSchema.Count - mapper.InputSchema.Count).Any(i => _active[i]);
        _getters = anyComputed ? mapper.CreateGetters(input) : null;
    }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override DataViewSchema Schema => _mapper.OutputSchema;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index])
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this row.");
        if (!_mapper.IsComputed(column.Index)) return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        var getter = _getters![column.Index - _mapper.InputSchema.Count];
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
